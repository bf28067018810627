package cn.panzhihua.scoring.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The record contract on a real PostgreSQL server. .ci/run installs and starts one and sets
 * TEST_POSTGRES_URL; without it (a developer's machine with no server) this class is skipped.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfEnvironmentVariable(named = "TEST_POSTGRES_URL", matches = ".+")
class PostgresRecordsTest extends RecordContract {
}
