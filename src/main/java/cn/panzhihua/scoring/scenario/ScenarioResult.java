package cn.panzhihua.scoring.scenario;

import java.util.List;
import java.util.Set;

/**
 * One scenario's outcome. {@code failures} says, per expectation, what was expected and what came
 * out; it is empty when the scenario passed. {@code firedRules} feeds the rule-coverage report.
 */
public record ScenarioResult(String file, String name, List<String> failures, Set<String> firedRules,
                             Set<String> trailClauses) {

    public boolean passed() {
        return failures.isEmpty();
    }
}
