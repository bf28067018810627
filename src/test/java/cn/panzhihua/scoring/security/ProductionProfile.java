package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The production settings as shipped: the {@code prod} profile, nothing configured but what a test
 * machine needs (a fresh data folder, a service key, no rules watcher).
 */
public class ProductionProfile implements QuarkusTestProfile {

    /** A data folder that does not exist before the service starts, so the test sees what start-up creates. */
    static final String DATA_DIR = "./target/prod-data-" + System.nanoTime();

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("data.dir", DATA_DIR);
        overrides.put("service.key-file", "target/test-service-key.pem");
        overrides.put("service.key.generate", "true");
        overrides.put("rules.watch.enabled", "false");
        overrides.putAll(operatorSettings());
        return overrides;
    }

    /** What an operator configured on top of the shipped settings (nothing, here). */
    protected Map<String, String> operatorSettings() {
        return Map.of();
    }
}
