package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every scenario file kept beside the 2016 rules, one dynamic test per scenario, and checks
 * that the scenarios cover the rulebook: every clause a caller can trigger has a scenario where it
 * applies and one where it does not, and every rule fires somewhere.
 */
class RulebookScenariosTest {

    /** D-CAP is structural in 2016 (no item's lines exceed its maximum): no scenario can fire it. */
    private static final Set<String> CANNOT_FIRE = Set.of("D-CAP 分项扣分不超过该项分值");

    private static Path folder;
    private static Rulebook rulebook;
    private static List<ScenarioResult> results;

    @BeforeAll
    static void load() {
        folder = RulesDirectory.resolve("rules-drl").resolve("2016");
        rulebook = RulebookLoader.load(folder);
        results = new ScenarioRunner().runAll(rulebook);
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return results.stream().map(r -> DynamicTest.dynamicTest(r.file() + " :: " + r.name(),
                () -> assertTrue(r.passed(), () -> String.join("\n", r.failures()))));
    }

    @Test
    void everyRuleFiresInSomeScenario() {
        Set<String> fired = new HashSet<>();
        results.forEach(r -> fired.addAll(r.firedRules()));
        Set<String> never = new TreeSet<>();
        for (RuleInfo rule : rulebook.rules()) {
            if (!fired.contains(rule.key()) && !CANNOT_FIRE.contains(rule.name())) {
                never.add(rule.name() + " (" + rule.file() + ":" + rule.line() + ")");
            }
        }
        assertEquals(Set.of(), never, "rules that no scenario fires");
    }

    @Test
    void everyCallerClauseAppliesInOneScenarioAndNotInAnother() {
        Set<String> missing = new TreeSet<>();
        for (Clause clause : rulebook.clauses().values()) {
            if (clause.kind() == Clause.Kind.SCORE || clause.kind() == Clause.Kind.CHANNEL || clause.code().equals("D-CAP")) {
                continue;
            }
            String code = clause.kind() == Clause.Kind.FINDING ? clause.item() : clause.code();
            boolean applies = results.stream().anyMatch(r -> r.passed() && r.trailClauses().contains(code));
            // Conversions and I-3's tiers apply to every unit of their assessment: there is no "does not apply" to show.
            boolean alwaysApplies = clause.kind() == Clause.Kind.CONVERSION || clause.code().equals("I-3");
            boolean absent = alwaysApplies
                    || results.stream().anyMatch(r -> r.passed() && !r.firedRules().isEmpty() && !r.trailClauses().contains(code));
            if (!applies || !absent) {
                missing.add(clause.code() + (applies ? "" : " never applies") + (absent ? "" : " always applies"));
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void scenarioFilesSitBesideTheRulesTheyTest() {
        for (String file : rulebook.scenarios().keySet()) {
            String drl = file.replace(RulebookSource.SCENARIO_SUFFIX, ".drl");
            assertTrue(Files.exists(folder.resolve(drl)), file + " has no " + drl + " beside it");
        }
    }
}
