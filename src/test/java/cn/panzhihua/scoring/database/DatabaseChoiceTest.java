package cn.panzhihua.scoring.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without DATABASE_URL the records live in the embedded H2 file database and PostgreSQL stays inactive. */
@QuarkusTest
class DatabaseChoiceTest {

    @Inject
    @Records
    DataSource records;

    @Test
    void theEmbeddedDatabaseIsTheDefault() throws Exception {
        try (Connection c = records.getConnection()) {
            assertEquals("H2", c.getMetaData().getDatabaseProductName());
            assertTrue(c.getMetaData().getURL().contains("/records"), c.getMetaData().getURL());
        }
        assertEquals(java.util.Optional.empty(), AgroalDataSourceUtil.dataSourceIfActive(RecordsDataSource.POSTGRESQL).map(AgroalDataSource::toString));
    }
}
