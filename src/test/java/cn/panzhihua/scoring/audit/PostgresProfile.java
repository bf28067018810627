package cn.panzhihua.scoring.audit;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Runs against a real PostgreSQL server: the one .ci/run starts, named by TEST_POSTGRES_URL
 * (with TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD). The same build as every other test: only
 * the run-time settings an operator would set (DATABASE_URL and its credentials) choose PostgreSQL.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "DATABASE_URL", env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                "DATABASE_USERNAME", env("TEST_POSTGRES_USER", "postgres"),
                "DATABASE_PASSWORD", env("TEST_POSTGRES_PASSWORD", ""),
                "quarkus.flyway.postgresql.clean-at-start", "true");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
