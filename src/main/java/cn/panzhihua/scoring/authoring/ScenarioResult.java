package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.evaluation.TrailEntry;
import cn.panzhihua.scoring.facts.Effect;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * One scenario's outcome. {@code failures} says, per expectation, what was expected and what came
 * out; it is empty when the scenario passed. {@code firedRules} (rule keys, package/name) feeds the
 * rule coverage; {@code trail} and {@code effects} (one per trail entry) the consistency checks; {@code response} is what the service would
 * have answered (null when the request was rejected, or could not be read); {@code scenario} the
 * scenario as written; {@code rejected} whether the request was refused (as a problem+json would be).
 */
public record ScenarioResult(String file, String name, List<String> failures, Set<String> firedRules,
                             Set<String> trailClauses, List<TrailEntry> trail, List<Effect> effects, JsonNode response,
                             JsonNode scenario, boolean rejected) {

    public ScenarioResult(String file, String name, List<String> failures) {
        this(file, name, failures, Set.of(), Set.of(), List.of(), List.of(), null, null, false);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
