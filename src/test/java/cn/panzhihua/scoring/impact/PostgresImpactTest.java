package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The impact contract with the records on a real PostgreSQL server (TEST_POSTGRES_URL, as .ci/run
 * sets it); skipped where no server is named, like the records' own PostgreSQL test.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfEnvironmentVariable(named = "TEST_POSTGRES_URL", matches = ".+")
class PostgresImpactTest extends ImpactContract {
}
