package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.CompiledRulesCache;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every year folder of rules-drl/ through the gate: one dynamic test per scenario, then what the
 * gate checks besides (rule coverage, catalogue consistency), and what it does not: every caller
 * clause has a scenario where it applies and one where it does not, and scenario files sit beside
 * the DRL they test.
 */
class RulebookScenariosTest {

    @TestFactory
    Stream<DynamicNode> everyYearFolder() {
        return Rulebooks.yearFolders(RulesDirectory.resolve("rules-drl")).stream().map(RulebookScenariosTest::year);
    }

    private static DynamicNode year(Path folder) {
        GateResult gate = new RulebookGate(CompiledRulesCache.inMemory()).check(RulebookSource.read(folder));
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("builds", () -> assertEquals(List.of(), gate.compileErrors())));
        for (ScenarioResult r : gate.scenarios()) {
            tests.add(DynamicTest.dynamicTest(r.file() + " :: " + r.name(), () -> assertTrue(r.passed(), () -> String.join("\n", r.failures()))));
        }
        tests.add(DynamicTest.dynamicTest("every rule and table row is exercised by some scenario",
                () -> assertEquals(List.of(), gate.uncoveredRules().stream().map(RulebookProblem::toString).toList())));
        tests.add(DynamicTest.dynamicTest("quoted texts, catalogue and effects agree",
                () -> assertEquals(List.of(), gate.inconsistencies().stream().map(RulebookProblem::toString).toList())));
        tests.add(DynamicTest.dynamicTest("every caller clause applies in one scenario and not in another", () -> {
            assertNotNull(gate.rulebook());
            assertEquals(Set.of(), clausesNotShownBothWays(gate.rulebook(), gate.scenarios()));
        }));
        tests.add(DynamicTest.dynamicTest("scenario files sit beside the rules they test", () -> {
            for (String file : gate.source().files().keySet()) {
                if (file.endsWith(RulebookSource.SCENARIO_SUFFIX)) {
                    String drl = file.replace(RulebookSource.SCENARIO_SUFFIX, ".drl");
                    assertTrue(Files.exists(folder.resolve(drl)), file + " has no " + drl + " beside it");
                }
            }
        }));
        return DynamicContainer.dynamicContainer(folder.getFileName().toString(), tests);
    }

    private static Set<String> clausesNotShownBothWays(Rulebook rulebook, List<ScenarioResult> results) {
        Set<String> missing = new TreeSet<>();
        for (Clause clause : rulebook.clauses().values()) {
            if (clause.kind() == Clause.Kind.SCORE || clause.kind() == Clause.Kind.CHANNEL) {
                continue;
            }
            boolean structural = rulebook.rules().stream().anyMatch(r -> clause.code().equals(r.clause()) && r.unreachable() != null);
            if (structural) {
                continue;
            }
            String code = clause.kind() == Clause.Kind.FINDING ? clause.item() : clause.code();
            boolean applies = results.stream().anyMatch(r -> r.passed() && r.trailClauses().contains(code));
            // Conversions and adoption tiers apply to every unit of their assessment: there is no "does not apply" to show.
            boolean alwaysApplies = clause.kind() == Clause.Kind.CONVERSION
                    || rulebook.rules().stream().anyMatch(r -> clause.code().equals(r.clause()) && "tiers".equals(r.quotes()));
            boolean absent = alwaysApplies
                    || results.stream().anyMatch(r -> r.passed() && !r.firedRules().isEmpty() && !r.trailClauses().contains(code));
            if (!applies || !absent) {
                missing.add(clause.code() + (applies ? "" : " never applies") + (absent ? "" : " always applies"));
            }
        }
        return missing;
    }
}
