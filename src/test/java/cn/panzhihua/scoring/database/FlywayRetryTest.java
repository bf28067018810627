package cn.panzhihua.scoring.database;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 §4: a start under heavy load exited on a connection-acquisition timeout during the migration.
 * With the shipped settings (application.properties) Flyway retries getting a connection with back-off
 * (1 s, 2 s, 4 s, …, at most connect-retries-interval apart) and migrates once the pool answers; past
 * connect-retries it gives up, so a start never waits without bound.
 */
class FlywayRetryTest {

    /** A pool that times out the first {@code failures} times it is asked, as Agroal does under load. */
    static final class SlowPool implements DataSource {
        final JdbcDataSource h2 = new JdbcDataSource();
        final AtomicInteger asked = new AtomicInteger();
        final int failures;

        SlowPool(String name, int failures) {
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            this.failures = failures;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (asked.incrementAndGet() <= failures) {
                throw new SQLException("Sorry, acquisition timeout!");
            }
            return h2.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FlywayRetryTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    static Flyway flyway(DataSource pool, int retries, int intervalSeconds) {
        return Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                .connectRetries(retries).connectRetriesInterval(intervalSeconds).load();
    }

    @Test
    void theShippedSettingsRetryBoundedForBothDatabases() throws IOException {
        Properties p = shipped();
        assertEquals("12", p.getProperty("quarkus.flyway.connect-retries"));
        assertEquals("10S", p.getProperty("quarkus.flyway.connect-retries-interval"));
        assertEquals("12", p.getProperty("quarkus.flyway.postgresql.connect-retries"));
        assertEquals("10S", p.getProperty("quarkus.flyway.postgresql.connect-retries-interval"));
    }

    @Test
    void aPoolThatTimesOutTwiceIsWaitedForWithBackOff() {
        SlowPool pool = new SlowPool("retry-twice", 2);
        long start = System.nanoTime();
        flyway(pool, 12, 10).migrate();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(pool.asked.get() >= 3, "two timeouts, then the connection the migration runs on: " + pool.asked.get());
        // waits of 1 s and then 2 s: the back-off
        assertTrue(seconds >= 3, "waited " + seconds + " s");
    }

    @Test
    void aPoolThatNeverAnswersFailsTheStartAfterTheRetries() {
        SlowPool pool = new SlowPool("never", Integer.MAX_VALUE);
        assertThrows(RuntimeException.class, () -> flyway(pool, 2, 1).migrate());
        assertEquals(3, pool.asked.get(), "the first attempt and two retries");
    }
}
