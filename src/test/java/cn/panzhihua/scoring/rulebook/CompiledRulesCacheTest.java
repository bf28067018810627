package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.Evaluator;
import cn.panzhihua.scoring.evaluation.RandomUnitYears;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.evaluation.ResponseAssembler;
import cn.panzhihua.scoring.scenario.ScenarioResult;
import cn.panzhihua.scoring.scenario.ScenarioRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules read back from the cache behave exactly like the same DRL compiled. */
class CompiledRulesCacheTest {

    private static final RulebookSource SOURCE = RulebookSource.read(RulesDirectory.resolve("rules-drl").resolve("2016"));

    @TempDir
    Path dir;

    @Test
    void aRulebookReadFromTheCacheAnswersEveryEvaluationAsTheCompiledOneDoes() throws IOException {
        CompiledRulesCache cache = CompiledRulesCache.in(dir);
        Rulebook compiled = RulebookLoader.build(SOURCE, cache);
        assertEquals(1, entries().size(), "the compile was stored");
        assertTrue(cache.read(SOURCE.sha256()).isPresent(), "this rulebook is found again");
        Rulebook cached = RulebookLoader.build(SOURCE, cache);
        assertNotSame(compiled.kieBase(), cached.kieBase());
        assertEquals(compiled.rules(), cached.rules(), "same rules, metadata and locations");

        List<ScenarioResult> failed = new ScenarioRunner().runAll(cached).stream().filter(s -> !s.passed()).toList();
        assertEquals(List.of(), failed);

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
    void changedDrlIsCompiledAgainAndOldEntriesCanBeTidiedAway() throws IOException {
        CompiledRulesCache cache = CompiledRulesCache.in(dir);
        RulebookLoader.build(SOURCE, cache);
        Map<String, String> files = new TreeMap<>(SOURCE.files());
        String path = "efficiency/table.drl";
        files.put(path, files.get(path) + "\n// an author's note: any change to the text is a different compile\n");
        RulebookSource edited = new RulebookSource(SOURCE.year(), files);
        assertFalse(cache.read(edited.sha256()).isPresent(), "an edit is a different key");
        RulebookLoader.build(edited, cache);
        assertEquals(2, entries().size());

        cache.keepOnly(List.of(edited.sha256()));
        assertEquals(1, entries().size());
        assertTrue(cache.read(edited.sha256()).isPresent());
        assertFalse(cache.read(SOURCE.sha256()).isPresent());
    }

    @Test
    void anUnreadableEntryIsDeletedAndTheDrlCompiled() throws IOException {
        CompiledRulesCache cache = CompiledRulesCache.in(dir);
        RulebookLoader.build(SOURCE, cache);
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertFalse(cache.read(SOURCE.sha256()).isPresent());
        assertFalse(Files.exists(entry), "the broken entry is gone");
        Rulebook rebuilt = RulebookLoader.build(SOURCE, cache);
        assertEquals(77, rebuilt.rules().size());
        assertTrue(cache.read(SOURCE.sha256()).isPresent(), "and written again");
    }

    @Test
    void noCacheWritesNothing() throws IOException {
        RulebookLoader.build(SOURCE, CompiledRulesCache.NONE);
        assertEquals(List.of(), entries());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
