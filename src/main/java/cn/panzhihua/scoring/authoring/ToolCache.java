package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.CompiledRulesCache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tool's own compiled-rules cache, in the author's cache folder (bin/rulebook passes
 * {@code -Drulebook.cache}), so that a run after an edit compiles only the DRL package that changed.
 * Its files are authenticated like the service's, with a random key of the author's own, kept
 * beside them readable by the author only; a key others can read is not used.
 */
final class ToolCache {

    private static final Duration KEEP = Duration.ofDays(14);

    private ToolCache() {
    }

    static CompiledRulesCache open() {
        String configured = System.getProperty("rulebook.cache");
        if (configured == null || configured.isBlank()) {
            return CompiledRulesCache.inMemory();
        }
        try {
            Path dir = Path.of(configured);
            byte[] key = key(dir.resolve("key"));
            if (key == null) {
                return CompiledRulesCache.inMemory();
            }
            Path packages = dir.resolve("packages");
            tidy(packages);
            return CompiledRulesCache.in(packages, key);
        } catch (IOException | RuntimeException e) {
            return CompiledRulesCache.inMemory();
        }
    }

    /** The author's key: made on first use, owner-only; null when it can be read by others (then nothing is cached on disk). */
    private static byte[] key(Path file) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path partial = Files.createTempFile(file.getParent(), "key-", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.write(partial, key);
            Files.move(partial, file);
            return key;
        }
        if (!Files.getPosixFilePermissions(file).equals(ownerOnly)) {
            return null;
        }
        byte[] key = Files.readAllBytes(file);
        return key.length == 32 ? key : null;
    }

    /** Packages not written for a fortnight are of rulebooks no longer worked on. */
    private static void tidy(Path packages) throws IOException {
        if (!Files.isDirectory(packages)) {
            return;
        }
        FileTime before = FileTime.from(Instant.now().minus(KEEP));
        try (Stream<Path> files = Files.list(packages)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).compareTo(before) < 0) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
