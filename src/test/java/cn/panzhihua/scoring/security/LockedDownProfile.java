package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A production-like deployment: anonymous callers may do nothing but health and the API document. */
public class LockedDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("api.anonymous", "none", "rules.watch.enabled", "false");
    }
}
