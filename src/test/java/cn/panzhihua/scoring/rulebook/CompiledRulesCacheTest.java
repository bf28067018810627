package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.Evaluator;
import cn.panzhihua.scoring.evaluation.RandomUnitYears;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.evaluation.ResponseAssembler;
import cn.panzhihua.scoring.security.ServiceKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled rules read back from disk behave exactly like the same DRL compiled, and only files this
 * service wrote, unmodified, are ever read back (issue 10 §1).
 */
class CompiledRulesCacheTest {

    private static final RulebookSource SOURCE = RulebookSource.read(RulesDirectory.resolve("rules-drl").resolve("2016"));
    private static final byte[] KEY = ServiceKey.generate("test").derive(CompiledRulesCache.PURPOSE);

    @TempDir
    Path dir;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(CompiledRulesCache.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(CompiledRulesCache.class.getName()).removeHandler(capture);
    }

    @Test
    void aRulebookReadFromTheCacheAnswersEveryEvaluationAsTheCompiledOneDoes() throws IOException {
        Rulebook compiled = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY));
        assertEquals(compiled.packageKeys().size(), entries().size(), "one file per DRL package");
        Rulebook cached = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY)); // a new process: read from disk
        assertNotSame(compiled.kieBase(), cached.kieBase());
        assertEquals(compiled.rules(), cached.rules(), "same rules, metadata and locations");
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());

        ObjectMapper mapper = JsonSetup.mapper();
        RandomUnitYears requests = new RandomUnitYears(compiled, 3172L);
        for (int i = 0; i < 300; i++) {
            EvaluationRequest request = requests.next();
            String a = mapper.writeValueAsString(ResponseAssembler.assemble(
                    Evaluator.evaluate(RequestValidator.validate(request, compiled)), "x", Instant.EPOCH, false));
            String b = mapper.writeValueAsString(ResponseAssembler.assemble(
                    Evaluator.evaluate(RequestValidator.validate(request, cached)), "x", Instant.EPOCH, false));
            assertEquals(a, b, "case " + i + " " + request);
        }
    }

    @Test
    void anEditRecompilesOnlyItsOwnPackageAndOldFilesCanBeTidiedAway() throws IOException {
        CompiledRulesCache cache = CompiledRulesCache.in(dir, KEY);
        Rulebook before = RulebookLoader.build(SOURCE, cache);
        Map<String, String> files = new TreeMap<>(SOURCE.files());
        String path = "efficiency/table.drl";
        files.put(path, files.get(path) + "\n// an author's note: any change to the text is a different compile\n");
        Rulebook after = RulebookLoader.build(new RulebookSource(SOURCE.year(), files), cache);
        Set<String> changed = new HashSet<>(after.packageKeys());
        changed.removeAll(before.packageKeys());
        assertEquals(1, changed.size(), "only the efficiency package is new: " + changed);
        assertEquals(before.packageKeys().size() + 1, entries().size());

        cache.keepOnly(after.packageKeys());
        assertEquals(after.packageKeys().size(), entries().size());
        assertTrue(Files.exists(dir.resolve(changed.iterator().next() + ".rules")));
    }

    /**
     * Issue 18 §4: twenty drafts grew the cache by ~300 KB each and nothing evicted them. Bounded
     * by count (and bytes), drafts go first and the packages that serve stay on disk.
     */
    @Test
    void draftsAreEvictedFirstAndTheCacheStaysWithinItsBounds() throws IOException {
        CompiledRulesCache cache = CompiledRulesCache.in(dir, KEY);
        Rulebook serving = RulebookLoader.build(SOURCE, cache);
        Set<String> servingKeys = Set.copyOf(serving.packageKeys());
        int bound = servingKeys.size() + 2;
        cache.bound(bound, Long.MAX_VALUE, () -> servingKeys);
        String path = "efficiency/table.drl";
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // six drafts of one file, as six validates of an author's edits would make
            Map<String, String> files = new TreeMap<>(SOURCE.files());
            files.put(path, files.get(path) + "\n// draft " + i + "\n");
            Rulebook draft = RulebookLoader.build(new RulebookSource(SOURCE.year(), files), cache);
            drafts.addAll(draft.packageKeys().stream().filter(k -> !servingKeys.contains(k)).toList());
            assertTrue(entries().size() <= bound, "after draft " + i + ": " + entries().size() + " files, bound " + bound);
        }
        assertEquals(6, drafts.size(), "each draft compiled its own package");
        Set<String> onDisk = new HashSet<>(entries().stream().map(f -> f.getFileName().toString().replace(".rules", "")).toList());
        assertTrue(onDisk.containsAll(servingKeys), "what serves is never evicted for a draft");
        assertEquals(Set.copyOf(drafts.subList(4, 6)), Set.copyOf(onDisk.stream().filter(k -> !servingKeys.contains(k)).toList()),
                "the two newest drafts are kept, the older four evicted");

        // Bounded by bytes: room for what serves and one and a half drafts, so a new draft evicts both older ones.
        long servingBytes = 0;
        long draftBytes = 0;
        for (Path f : entries()) {
            if (servingKeys.contains(f.getFileName().toString().replace(".rules", ""))) {
                servingBytes += Files.size(f);
            } else {
                draftBytes = Math.max(draftBytes, Files.size(f));
            }
        }
        cache.bound(1000, servingBytes + draftBytes * 3 / 2, () -> servingKeys);
        Map<String, String> files = new TreeMap<>(SOURCE.files());
        files.put(path, files.get(path) + "\n// one more draft\n");
        RulebookLoader.build(new RulebookSource(SOURCE.year(), files), cache);
        long total = 0;
        int drafted = 0;
        for (Path f : entries()) {
            total += Files.size(f);
            drafted += servingKeys.contains(f.getFileName().toString().replace(".rules", "")) ? 0 : 1;
        }
        assertEquals(1, drafted, "the draft just written is kept, the two older ones evicted");
        assertTrue(total <= servingBytes + draftBytes * 3 / 2, total + " bytes");
        assertTrue(entries().stream().map(f -> f.getFileName().toString().replace(".rules", "")).toList().containsAll(servingKeys));
    }

    /**
     * Issue 10 §1: four bytes edited inside a compiled package ("-2.5" → "-9.5" in D-1.2's class)
     * made D-1 score 0.5 after a restart, with the trail still saying 扣 2.5 分.
     */
    @Test
    void aCachedFileChangedByHandIsRejectedDeletedAndTheDrlCompiled() throws IOException {
        Rulebook original = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY));
        Path disclosure = file(original, "rubric.disclosure");
        byte[] bytes = Files.readAllBytes(disclosure);
        int at = indexOf(bytes, "-2.5".getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            at = indexOf(bytes, "100".getBytes(StandardCharsets.US_ASCII)); // D-CONV's 百分制, when lines read their points from the clause list
        }
        assertTrue(at > 0, "a number of the disclosure rules is in the compiled package");
        bytes[at + 1] = '9';
        Files.write(disclosure, bytes);

        Rulebook restarted = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY));
        assertTrue(warnings.stream().anyMatch(w -> w.getMessage().contains(disclosure.toString()) && w.getMessage().contains("MAC")),
                "a WARN names the file: " + warnings.stream().map(LogRecord::getMessage).toList());
        assertTrue(Files.exists(disclosure), "compiled again and written again");
        assertNotEquals(-1, indexOf(Files.readAllBytes(disclosure), "panzhihua compiled rules".getBytes(StandardCharsets.US_ASCII)));
        String request = """
                {"unit": "市财政局", "year": 2016, "findings": [{"code": "D-1.2"}, {"code": "D-1.3"}],
                 "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";
        var response = JsonSetup.mapper().valueToTree(ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(
                JsonSetup.mapper().readValue(request, EvaluationRequest.class), restarted)), "x", Instant.EPOCH, false));
        assertEquals("5", ((com.fasterxml.jackson.databind.JsonNode) response).path("disclosure").path("items").get(0).path("score").decimalValue()
                .stripTrailingZeros().toPlainString(), "D-1 = 10 − 2.5 − 2.5");
        assertEquals("95", ((com.fasterxml.jackson.databind.JsonNode) response).path("disclosure").path("score").decimalValue()
                .stripTrailingZeros().toPlainString());
    }

    /**
     * Issue 10 §1: a 5.7 KB file of nested HashSets held start-up at 100% CPU. Without this
     * service's MAC it is rejected before a single object is read.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aPlantedObjectGraphIsRejectedWithoutBeingRead() throws IOException {
        Rulebook original = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY));
        Path planted = file(original, "rubric.efficiency");
        byte[] sealed = Files.readAllBytes(planted);
        int header = 0; // the format line, the package key line and the build line, then the 32-byte MAC
        for (int newlines = 0; newlines < 3; header++) {
            newlines += sealed[header] == '\n' ? 1 : 0;
        }
        header += 32;
        byte[] bomb = nestedSets(100);
        assertTrue(bomb.length < 10_000, "a small file: " + bomb.length + " bytes");
        ByteArrayOutputStream planting = new ByteArrayOutputStream();
        planting.write(sealed, 0, header); // the genuine header and MAC, then someone else's payload
        planting.write(bomb);
        Files.write(planted, planting.toByteArray());

        long start = System.nanoTime();
        Rulebook restarted = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8));
        assertTrue(warnings.stream().anyMatch(w -> w.getMessage().contains(planted.toString()) && w.getMessage().contains("without reading")),
                warnings.stream().map(LogRecord::getMessage).toList().toString());
        assertEquals(original.rules(), restarted.rules());
    }

    @Test
    void aFileOfAnotherPackageOrAnotherKeyDoesNotVerify() throws IOException {
        Rulebook original = RulebookLoader.build(SOURCE, CompiledRulesCache.in(dir, KEY));
        Path disclosure = file(original, "rubric.disclosure");
        Path efficiency = file(original, "rubric.efficiency");
        Files.copy(disclosure, efficiency, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // renamed: made for another package
        byte[] otherKey = ServiceKey.generate("another service").derive(CompiledRulesCache.PURPOSE);
        CompiledRulesCache other = CompiledRulesCache.in(dir, otherKey);
        String disclosureKey = disclosure.getFileName().toString().replace(".rules", "");
        assertFalse(other.find(disclosureKey).isPresent(), "another service's key does not verify this service's file");
        assertFalse(Files.exists(disclosure));
        assertFalse(CompiledRulesCache.in(dir, KEY).find(efficiency.getFileName().toString().replace(".rules", "")).isPresent());
        assertFalse(Files.exists(efficiency));
    }

    @Test
    void deserialisationIsLimitedProcessWide() {
        CompiledRulesCache.in(dir, KEY);
        assertTrue(java.io.ObjectInputFilter.Config.getSerialFilter() != null, "Drools' own object streams are limited too");
    }

    /** The cached file of a DRL package: the one whose payload names the package most often. */
    private Path file(Rulebook rulebook, String packageName) throws IOException {
        Path best = null;
        int most = 0;
        for (Path entry : entries()) {
            int count = count(Files.readAllBytes(entry), packageName.getBytes(StandardCharsets.UTF_8));
            if (count > most && rulebook.packageKeys().contains(entry.getFileName().toString().replace(".rules", ""))) {
                most = count;
                best = entry;
            }
        }
        assertTrue(best != null, "no cached file for " + packageName);
        return best;
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int count(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = indexOf(haystack, needle); i >= 0; ) {
            count++;
            byte[] rest = java.util.Arrays.copyOfRange(haystack, i + 1, haystack.length);
            int next = indexOf(rest, needle);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return count;
    }

    /** The classic deserialisation bomb: sets nested {@code depth} deep, two to a level, sharing children. */
    private static byte[] nestedSets(int depth) throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }
}
