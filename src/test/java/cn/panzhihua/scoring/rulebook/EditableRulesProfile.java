package cn.panzhihua.scoring.rulebook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Serves a scratch copy of rules-drl/ that tests may edit, with the file watcher on and a short
 * quiet period, as an author's running service would be.
 */
public class EditableRulesProfile implements QuarkusTestProfile {

    static final Path PRISTINE = RulesDirectory.resolve("rules-drl");
    static final Path RULES;

    static {
        try {
            RULES = Files.createTempDirectory("rules-drl-");
            copy(PRISTINE.resolve("2016"), RULES.resolve("2016"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rules.dir", RULES.toString(), "rules.watch.enabled", "true", "rules.watch.delay", "PT0.3S");
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
