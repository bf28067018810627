package cn.panzhihua.scoring.rulebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A snapshot of one rulebook folder: every regular, non-hidden file by its path relative to the
 * folder. Loading works on the snapshot, so a rulebook is built from one consistent set of files
 * even while an author is still saving, and validation can try a changed file without touching disk.
 */
public record RulebookSource(String year, Map<String, String> files) {

    /** Scenario files live beside the rules but cannot change a result, so they are not hashed. */
    public static final String SCENARIO_SUFFIX = ".scenarios.json";

    public RulebookSource {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public static RulebookSource read(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith(".") && !name.contains("/.")) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rulebook folder " + folder, e);
        }
        return new RulebookSource(folder.getFileName().toString(), files);
    }

    /** The same snapshot with one file added or replaced. */
    public RulebookSource with(String path, String text) {
        Map<String, String> changed = new TreeMap<>(files);
        changed.put(path, text);
        return new RulebookSource(year, changed);
    }

    public Optional<String> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** How a file is named in messages: with its year folder, e.g. 2016/disclosure/veto.drl. */
    public String display(String path) {
        return year + "/" + path;
    }

    /** SHA-256 over every file, scenarios included: what a gate verdict is about. */
    public String fullSha256() {
        return digest(true);
    }

    /** SHA-256 over each hashed file's relative path and text, in path order. */
    public String sha256() {
        return digest(false);
    }

    private String digest(boolean withScenarios) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, text) -> {
                if (withScenarios || !name.endsWith(SCENARIO_SUFFIX)) {
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(text.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
