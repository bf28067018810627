package cn.panzhihua.scoring.rulebook;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.jboss.logging.Logger;
import org.kie.api.definition.KiePackage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compiled DRL packages kept between compiles, so that neither a restart nor an edit compiles a
 * package whose files did not change (compiling is most of a start-up and of a reload).
 *
 * <p>A package is found by its key (SHA-256 over the package's name, its files and the build; see
 * {@link DrlCompiler.PackageStore}). Packages compiled or read in this process are kept in memory
 * as the bytes they were written as; with a folder, they are also written to disk, one file per
 * package, so a restart reads them back.
 *
 * <p><b>Nothing read from disk is trusted until it is proven to be this service's own.</b> Each
 * file carries an HMAC-SHA256 over the whole file (format, key and payload), keyed with a key
 * derived from the service key ({@code ServiceKey.derive("compiled-rules")}), which is never stored
 * in the data folder. The MAC is checked, in constant time, before a single object is read; a file
 * without a valid MAC, or made for another package, is logged, deleted and the DRL compiled. As a
 * second line, deserialisation runs under limits (depth, references, array length, bytes) and
 * reads only the classes compiled rules are made of; the same limits apply process-wide, because
 * Drools reads a package's compiled classes with an object stream of its own.
 */
public final class CompiledRulesCache implements DrlCompiler.PackageStore {

    private static final Logger LOG = Logger.getLogger(CompiledRulesCache.class);

    /** The purpose the cache's key is derived for from the service key. */
    public static final String PURPOSE = "compiled-rules";

    private static final String SUFFIX = ".rules";
    private static final String RECORD_SUFFIX = ".verdict";
    private static final byte[] MAGIC = "panzhihua compiled rules v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_LENGTH = 32;
    private static final long MAX_FILE = 64L << 20;
    private static final int IN_MEMORY = 32;
    private static final List<String> READABLE = List.of("java.", "org.drools.", "org.kie.", "org.mvel2.", "cn.panzhihua.");

    /**
     * Limits for reading compiled packages. The 2016 rulebook's packages reach depth 17, 7,509
     * references, arrays of 245,662 elements (class bytes) and 378,755 bytes per stream; these leave
     * room for larger rulebooks and stop a crafted object graph (nested sets and the like) early.
     */
    static final ObjectInputFilter LIMITS = ObjectInputFilter.Config.createFilter(
            "maxdepth=32;maxrefs=1000000;maxarray=16777216;maxbytes=" + MAX_FILE);

    /** No cache: every load compiles (the validate endpoint's lone files, tests of the compiler). */
    public static final CompiledRulesCache NONE = new CompiledRulesCache(null, null, "");

    private final Path dir;
    private final byte[] key;
    private final String build;
    /** At most this many packages are kept (on disk; in memory the smaller of this and {@link #IN_MEMORY}). */
    private volatile int maxPackages = 200;
    /** At most this many bytes of packages are kept, on disk and in memory each. */
    private volatile long maxBytes = 64L << 20;
    /** The keys that serve now: evicted only after every other (draft) package. */
    private volatile java.util.function.Supplier<Set<String>> serving = Set::of;
    /** Packages written or verified in this process, newest last: read again without touching disk. */
    private final Map<String, byte[]> memory = new LinkedHashMap<>(16, 0.75f, true);

    private CompiledRulesCache(Path dir, byte[] key, String build) {
        this.dir = dir;
        this.key = key == null ? null : key.clone();
        this.build = build;
    }

    /**
     * A cache in memory only: a reload recompiles only the DRL packages that changed, nothing is
     * written (the command-line tool; a service without a data folder).
     */
    public static CompiledRulesCache inMemory() {
        return new CompiledRulesCache(null, null, buildFingerprint().orElse("unknown-build"));
    }

    /**
     * A cache in {@code dir}, its files authenticated with {@code key} (32 bytes, from the service
     * key). Installs the process-wide deserialisation limits. A build that cannot be fingerprinted
     * caches in memory only.
     */
    public static CompiledRulesCache in(Path dir, byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the compiled-rules cache needs a 32-byte key derived from the service key");
        }
        installProcessLimits();
        return buildFingerprint().map(fp -> new CompiledRulesCache(dir, key, fp)).orElseGet(() -> {
            LOG.warnf("compiled rules are not kept on disk: the application's classes could not be fingerprinted");
            return inMemory();
        });
    }

    /** What compiled rules depend on besides their DRL; part of every package key. */
    public String build() {
        return build;
    }

    @Override
    public Optional<KiePackage> find(String packageKey) {
        if (build.isEmpty()) {
            return Optional.empty();
        }
        byte[] known;
        synchronized (memory) {
            known = memory.get(packageKey);
        }
        if (known != null) {
            return Optional.ofNullable(read(known, "memory"));
        }
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(packageKey + SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] payload = verified(file, packageKey);
        if (payload == null) {
            delete(file);
            return Optional.empty();
        }
        KiePackage pkg = read(payload, file.toString());
        if (pkg == null) {
            delete(file);
            return Optional.empty();
        }
        remember(packageKey, payload);
        LOG.debugf("compiled package %s read back from %s", pkg.getName(), file);
        return Optional.of(pkg);
    }

    @Override
    public void keep(String packageKey, KiePackage compiled) {
        if (build.isEmpty()) {
            return;
        }
        byte[] payload;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
                out.writeObject(compiled);
            }
            payload = bytes.toByteArray();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("compiled package %s could not be kept: %s", compiled.getName(), e);
            return;
        }
        remember(packageKey, payload);
        if (dir != null) {
            write(packageKey, payload);
        }
    }

    /**
     * A small record this service wrote for itself under {@code key} (the gate's verdict on a
     * rulebook), when its MAC proves it; it is bytes, never deserialised objects.
     */
    public Optional<byte[]> findRecord(String key) {
        if (dir == null || build.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.resolve(key + RECORD_SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] payload = verified(file, key);
        if (payload == null) {
            delete(file);
        }
        return Optional.ofNullable(payload);
    }

    /** Keeps a record for {@link #findRecord}, authenticated like a compiled package. */
    public synchronized void keepRecord(String key, byte[] payload) {
        if (dir == null || build.isEmpty()) {
            return;
        }
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "writing-", ".tmp");
            Files.write(partial, sealed(key, payload));
            Files.move(partial, dir.resolve(key + RECORD_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("a gate verdict could not be kept in %s: %s", dir, e);
            if (partial != null) {
                delete(partial);
            }
        }
    }

    /**
     * Bounds the cache: at most {@code packages} packages and {@code bytes} bytes, on disk and in
     * memory; when over, the packages not in {@code servingKeys} (drafts of validate and impact) go
     * first, oldest first, then the oldest of the serving ones (they are compiled again when needed).
     */
    public void bound(int packages, long bytes, java.util.function.Supplier<Set<String>> servingKeys) {
        if (packages < 1 || bytes < 1) {
            throw new IllegalArgumentException("the compiled-rules cache needs room for at least one package");
        }
        this.maxPackages = packages;
        this.maxBytes = bytes;
        this.serving = servingKeys == null ? Set::of : servingKeys;
    }

    private void remember(String packageKey, byte[] payload) {
        synchronized (memory) {
            memory.put(packageKey, payload);
            int limit = Math.min(IN_MEMORY, maxPackages);
            long total = memory.values().stream().mapToLong(b -> b.length).sum();
            Set<String> keep = serving.get();
            while (memory.size() > 1 && (memory.size() > limit || total > maxBytes)) {
                // Least recently used first, drafts before what serves; never the package just kept.
                String victim = memory.keySet().stream().filter(k -> !k.equals(packageKey) && !keep.contains(k)).findFirst()
                        .orElseGet(() -> memory.keySet().stream().filter(k -> !k.equals(packageKey)).findFirst().orElse(null));
                if (victim == null) {
                    break;
                }
                total -= memory.remove(victim).length;
            }
        }
    }

    /** Keeps the folder within the bounds after a write: drafts (not serving) oldest first, then the oldest serving ones. */
    private void evictFromDisk(String justWritten) {
        List<Path> packages;
        try (Stream<Path> files = Files.list(dir)) {
            packages = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
        } catch (IOException e) {
            LOG.warnf("could not list %s to bound it: %s", dir, e);
            return;
        }
        long total = 0;
        Map<Path, long[]> sizeAndTime = new LinkedHashMap<>();
        for (Path f : packages) {
            try {
                long size = Files.size(f);
                sizeAndTime.put(f, new long[]{size, Files.getLastModifiedTime(f).toMillis()});
                total += size;
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        if (sizeAndTime.size() <= maxPackages && total <= maxBytes) {
            return;
        }
        Set<String> keep = serving.get();
        List<Path> order = new java.util.ArrayList<>(sizeAndTime.keySet());
        order.sort(java.util.Comparator.comparing((Path f) -> keep.contains(keyOf(f)))
                .thenComparingLong(f -> sizeAndTime.get(f)[1]));
        int count = sizeAndTime.size();
        for (Path f : order) {
            if (count <= maxPackages && total <= maxBytes) {
                break;
            }
            if (keyOf(f).equals(justWritten)) {
                continue;
            }
            delete(f);
            count--;
            total -= sizeAndTime.get(f)[0];
            LOG.debugf("compiled package %s evicted from the cache (%s)", keyOf(f), keep.contains(keyOf(f)) ? "serving" : "draft");
        }
    }

    private static String keyOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    private synchronized void write(String packageKey, byte[] payload) {
        Path file = dir.resolve(packageKey + SUFFIX);
        if (Files.isRegularFile(file)) {
            return;
        }
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "writing-", ".tmp");
            Files.write(partial, sealed(packageKey, payload));
            try {
                // Renamed into place only when complete: a reader never sees half a file.
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            evictFromDisk(packageKey);
        } catch (IOException | RuntimeException e) {
            // The cache only saves time; a service that cannot write it still serves.
            LOG.warnf("compiled rules could not be cached in %s: %s", dir, e);
            if (partial != null) {
                delete(partial);
            }
        }
    }

    /** The file's bytes: magic, the package key and build it was made for, the MAC, then the payload. */
    private byte[] sealed(String packageKey, byte[] payload) {
        byte[] header = header(packageKey);
        byte[] mac = mac(header, payload);
        return ByteBuffer.allocate(header.length + MAC_LENGTH + payload.length).put(header).put(mac).put(payload).array();
    }

    private byte[] header(String packageKey) {
        byte[] names = (packageKey + "\n" + build + "\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(MAGIC.length + names.length).put(MAGIC).put(names).array();
    }

    private byte[] mac(byte[] header, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(header);
            mac.update(payload);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload of a file this service wrote for {@code packageKey}, or null (logged) if it cannot prove that. */
    private byte[] verified(Path file, String packageKey) {
        try {
            long size = Files.size(file);
            byte[] header = header(packageKey);
            if (size > MAX_FILE || size < header.length + MAC_LENGTH) {
                LOG.warnf("compiled rules in %s are not this service's (size %d); deleted, the DRL is compiled instead", file, size);
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            byte[] storedHeader = Arrays.copyOfRange(bytes, 0, header.length);
            byte[] storedMac = Arrays.copyOfRange(bytes, header.length, header.length + MAC_LENGTH);
            byte[] payload = Arrays.copyOfRange(bytes, header.length + MAC_LENGTH, bytes.length);
            // Constant time, and over the header too: a file renamed from another package or build does not verify.
            boolean authentic = MessageDigest.isEqual(mac(storedHeader, payload), storedMac) & MessageDigest.isEqual(storedHeader, header);
            if (!authentic) {
                LOG.warnf("compiled rules in %s do not carry this service's MAC (changed, or not written by it); "
                        + "deleted without reading, the DRL is compiled instead", file);
                return null;
            }
            return payload;
        } catch (IOException e) {
            LOG.warnf("compiled rules in %s could not be read (%s); deleted, the DRL is compiled instead", file, e);
            return null;
        }
    }

    private static KiePackage read(byte[] payload, String from) {
        ClassLoader classLoader = RememberingClassLoader.forApplication();
        try (InputStream bytes = new ByteArrayInputStream(payload);
             DroolsObjectInputStream in = new DroolsObjectInputStream(bytes, classLoader)) {
            in.setObjectInputFilter(CompiledRulesCache::readable);
            return (KiePackage) in.readObject();
        } catch (Exception | LinkageError e) {
            LOG.warnf("compiled rules in %s could not be read back (%s); compiling the DRL instead", from, e);
            return null;
        }
    }

    /**
     * Forgets every file but those of packages and records still in use, so the folder does not grow
     * with each edit of the rules. (A reload of another year that has written its packages but not
     * yet swapped may lose them: its next start compiles them again, nothing worse.)
     */
    public synchronized void keepOnly(Collection<String> keysInUse) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        Set<String> keep = new HashSet<>();
        keysInUse.forEach(k -> {
            keep.add(k + SUFFIX);
            keep.add(k + RECORD_SUFFIX);
        });
        try (Stream<Path> files = Files.list(dir)) {
            // Left-over partial files and files of earlier formats go too: writes hold the same lock.
            files.filter(f -> !keep.contains(f.getFileName().toString())).forEach(CompiledRulesCache::delete);
        } catch (IOException e) {
            LOG.warnf("could not tidy %s: %s", dir, e);
        }
    }

    private static ObjectInputFilter.Status readable(ObjectInputFilter.FilterInfo info) {
        ObjectInputFilter.Status limits = LIMITS.checkInput(info);
        if (limits == ObjectInputFilter.Status.REJECTED) {
            return limits;
        }
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
     * The limits for every object stream of the process that has no filter of its own, Drools'
     * included (it reads a package's compiled classes with its own stream). Set once; a filter set
     * before (e.g. with -Djdk.serialFilter) is kept.
     */
    static synchronized void installProcessLimits() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(LIMITS);
            LOG.debugf("process-wide deserialisation limits set: %s", LIMITS);
        }
    }

    /**
     * What compiled rules depend on besides their DRL: this application's classes (the facts and
     * helpers consequences call), the Drools build, the Java version. Empty if the classes cannot be read.
     */
    static Optional<String> buildFingerprint() {
        return Fingerprint.VALUE;
    }

    /** Computed once per process: hashing the application's classes takes a moment. */
    private static final class Fingerprint {
        static final Optional<String> VALUE = compute();

        private static Optional<String> compute() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
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
            } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
                return Optional.empty();
            }
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

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e);
        }
    }
}
