package cn.panzhihua.scoring.rulebook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The scratch copy of rules-drl/ that {@link EditableRulesProfile} serves, with the watcher off:
 * a file put in the folder reaches the service only through the reload a test asks for. A firing
 * limit far above what any 2016 request needs (a few hundred) and far below the shipped 100000, so
 * a runaway draft is stopped quickly in every scenario it runs.
 */
public class FrozenRulesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rules.dir", EditableRulesProfile.RULES.toString(), "rules.watch.enabled", "false", "rules.max-firings", "5000");
    }
}
