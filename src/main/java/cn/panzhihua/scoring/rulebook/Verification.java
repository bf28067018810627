package cn.panzhihua.scoring.rulebook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gate established about a version before it served: how many scenarios it ran and, per
 * rule, the scenarios that exercised it (a rule whose conclusion held in the scenario's result).
 * Reachable from {@link Rulebooks.YearState#verification()}, so a page can show which scenarios
 * exercise each rule of the version that serves.
 *
 * @param exercisedBy rule key ({@link RuleInfo#key()}) → the scenarios, in file and scenario order
 */
public record Verification(String version, int scenariosRun, Map<String, List<ScenarioRef>> exercisedBy, Instant at, long millis) {

    /** A scenario by its file (with the year folder, e.g. 2016/disclosure/organisation.scenarios.json) and name. */
    public record ScenarioRef(String file, String name) {
    }

    public Verification {
        exercisedBy = Map.copyOf(exercisedBy);
    }

    public List<ScenarioRef> scenariosFor(RuleInfo rule) {
        return exercisedBy.getOrDefault(rule.key(), List.of());
    }
}
