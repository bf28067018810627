package cn.panzhihua.scoring.audit;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Runs against a real PostgreSQL server: the one .ci/run starts, named by TEST_POSTGRES_URL
 * (with TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD).
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                "quarkus.datasource.username", env("TEST_POSTGRES_USER", "postgres"),
                "quarkus.datasource.password", env("TEST_POSTGRES_PASSWORD", ""),
                "quarkus.flyway.clean-at-start", "true");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
