package cn.panzhihua.scoring.rulebook;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.jboss.logging.Logger;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Compiled rule packages kept on disk, so that a restart does not compile DRL it compiled before
 * (parsing and compiling the consequences is most of a start-up: ~1.5 s of ~3 s here).
 *
 * <p>An entry is named by the rulebook's content hash (the SHA-256 over its files that its version
 * is made from, DRL included) and by a fingerprint of the build that compiled it (this
 * application's classes, the Drools jar, the Java version): change any of them and the entry is
 * simply not found, and the DRL is compiled again. A file that
 * cannot be read back, for whatever reason, is deleted and the DRL compiled. Reading accepts only
 * the classes compiled rules are made of (the JDK's, Drools', MVEL's and this application's), which
 * narrows what a file planted in the data folder could make the reader build; whoever can write
 * there is trusted like whoever can write the records database. A test compares a rulebook read
 * from here with the same rulebook compiled, evaluation by evaluation.
 */
public final class CompiledRulesCache {

    private static final Logger LOG = Logger.getLogger(CompiledRulesCache.class);
    private static final String SUFFIX = ".packages";
    private static final List<String> READABLE = List.of("java.", "org.drools.", "org.kie.", "org.mvel2.", "cn.panzhihua.");

    /** No cache: every load compiles (tests of the compiler, the validate endpoint, the scenario runner). */
    public static final CompiledRulesCache NONE = new CompiledRulesCache(null, "");

    private final Path dir;
    private final String build;

    private CompiledRulesCache(Path dir, String build) {
        this.dir = dir;
        this.build = build;
    }

    /** A cache in {@code dir}, or {@link #NONE} when this build cannot be fingerprinted (then nothing is stored). */
    public static CompiledRulesCache in(Path dir) {
        return buildFingerprint().map(fp -> new CompiledRulesCache(dir, fp)).orElseGet(() -> {
            LOG.warnf("compiled rules are not cached: the application's classes could not be fingerprinted");
            return NONE;
        });
    }

    /** The compiled rules of the rulebook with this content hash ({@link RulebookSource#sha256()}), if kept. */
    Optional<KieBase> read(String rulebookSha256) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(fileName(rulebookSha256));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ClassLoader classLoader = RememberingClassLoader.forApplication();
        try (InputStream bytes = new BufferedInputStream(Files.newInputStream(file));
             DroolsObjectInputStream in = new DroolsObjectInputStream(bytes, classLoader)) {
            in.setObjectInputFilter(CompiledRulesCache::readable);
            List<KiePackage> packages = new ArrayList<>();
            for (Object pkg : (Collection<?>) in.readObject()) {
                packages.add((KiePackage) pkg);
            }
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    KieServices.Factory.get().newKieBaseConfiguration(new Properties(), classLoader));
            kieBase.addPackages(packages);
            LOG.infof("compiled rules read back from %s instead of compiling the DRL again", file);
            return Optional.of(kieBase);
        } catch (Exception | LinkageError e) {
            LOG.warnf("compiled rules in %s could not be read back (%s); compiling the DRL instead", file, e);
            delete(file);
            return Optional.empty();
        }
    }

    synchronized void write(String rulebookSha256, KieBase kieBase) {
        if (dir == null) {
            return;
        }
        Path file = dir.resolve(fileName(rulebookSha256));
        if (Files.isRegularFile(file)) {
            return;
        }
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "writing-", ".tmp");
            try (OutputStream bytes = new BufferedOutputStream(Files.newOutputStream(partial));
                 DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
                out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
            }
            try {
                // Renamed into place only when complete: a reader never sees half a file.
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // The cache only saves time; a service that cannot write it still serves.
            LOG.warnf("compiled rules could not be cached in %s: %s", dir, e);
            if (partial != null) {
                delete(partial);
            }
        }
    }

    /**
     * Forgets every entry but those still in use, so the folder does not grow with each edit of the
     * rules. (A reload of another year that has written its entry but not yet swapped may lose it:
     * its next start compiles again, nothing worse.)
     */
    public synchronized void keepOnly(Collection<String> rulebookSha256sInUse) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<String> keep = rulebookSha256sInUse.stream().map(this::fileName).toList();
        try (Stream<Path> files = Files.list(dir)) {
            // Left-over partial files go too: writes hold the same lock, so none is being written now.
            files.filter(f -> !keep.contains(f.getFileName().toString())).forEach(CompiledRulesCache::delete);
        } catch (IOException e) {
            LOG.warnf("could not tidy %s: %s", dir, e);
        }
    }

    private String fileName(String rulebookSha256) {
        return rulebookSha256 + "-" + build + SUFFIX;
    }

    private static ObjectInputFilter.Status readable(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        while (type != null && type.isArray()) {
            type = type.getComponentType();
        }
        if (type == null || type.isPrimitive()) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        String name = type.getName();
        return READABLE.stream().anyMatch(name::startsWith) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    /**
     * What compiled rules depend on besides their DRL: this application's classes (the facts and
     * helpers consequences call), the Drools build, the Java version. Empty if the classes cannot be read.
     */
    static Optional<String> buildFingerprint() {
        try {
            MessageDigest sha = sha256();
            sha.update(System.getProperty("java.vm.version", "").getBytes(StandardCharsets.UTF_8));
            sha.update(String.valueOf(location(KnowledgeBaseFactory.class)).getBytes(StandardCharsets.UTF_8));
            Path application = location(CompiledRulesCache.class);
            if (application == null) {
                return Optional.empty();
            }
            if (Files.isDirectory(application)) {
                try (Stream<Path> files = Files.walk(application)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        sha.update(application.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        sha.update(Files.readAllBytes(f));
                    }
                }
            } else {
                sha.update(Files.readAllBytes(application));
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e);
        }
    }
}
