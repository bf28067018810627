package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.ReloadResult;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.Verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gate found for one snapshot of a year folder. The rulebook may serve only when
 * {@link #passed()}: it built, every scenario passed, every rule was exercised, and the numbers of
 * its texts, catalogue and effects agree.
 *
 * @param rulebook        the built rulebook, null when it did not build
 * @param compileErrors   why it did not build (data files, DRL), with file, line and column
 * @param scenarios       every scenario's outcome, in file and scenario order
 * @param uncoveredRules  rules and table rows no scenario exercised
 * @param inconsistencies numbers that disagree (quoted text, catalogue, effect)
 */
public record GateResult(RulebookSource source, Rulebook rulebook, List<RulebookProblem> compileErrors,
                         List<RulebookProblem> warnings, List<ScenarioResult> scenarios,
                         List<RulebookProblem> uncoveredRules, List<RulebookProblem> inconsistencies, long millis) {

    public boolean passed() {
        return rulebook != null && compileErrors.isEmpty() && failedScenarios().isEmpty()
                && uncoveredRules.isEmpty() && inconsistencies.isEmpty();
    }

    /** How many things are wrong, in one line. */
    public String summaryLine() {
        return compileErrors.size() + " compile error(s), " + failedScenarios().size() + " failed scenario(s), " + uncoveredRules.size()
                + " uncovered, " + inconsistencies.size() + " inconsistent";
    }

    public List<ReloadResult.FailedScenario> failedScenarios() {
        return scenarios.stream().filter(s -> !s.passed())
                .map(s -> new ReloadResult.FailedScenario(s.file(), s.name(), s.failures())).toList();
    }

    /** Per rule, the scenarios whose result it helped derive; rules no scenario exercised have an empty list. */
    public Verification verification(Instant at) {
        Map<String, List<Verification.ScenarioRef>> byRule = new LinkedHashMap<>();
        if (rulebook != null) {
            for (RuleInfo rule : rulebook.rules()) {
                byRule.put(rule.key(), new ArrayList<>());
            }
        }
        for (ScenarioResult scenario : scenarios) {
            for (String rule : scenario.firedRules()) {
                byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(new Verification.ScenarioRef(scenario.file(), scenario.name()));
            }
        }
        Map<String, List<Verification.ScenarioRef>> frozen = new LinkedHashMap<>();
        byRule.forEach((rule, refs) -> frozen.put(rule, List.copyOf(refs)));
        return new Verification(rulebook == null ? null : rulebook.version(), scenarios.size(), frozen, at, millis);
    }
}
