package cn.panzhihua.scoring.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Gives the records code the one datasource this start chose ({@link DatabaseChoice}): PostgreSQL
 * when {@code DATABASE_URL} is set, otherwise the embedded H2 file database.
 */
@ApplicationScoped
public class RecordsDataSource {

    private static final Logger LOG = Logger.getLogger(RecordsDataSource.class);

    /** The name of the PostgreSQL datasource in the configuration. */
    public static final String POSTGRESQL = "postgresql";

    @Inject
    @Default
    InjectableInstance<AgroalDataSource> h2;

    @Inject
    @io.quarkus.agroal.DataSource(POSTGRESQL)
    InjectableInstance<AgroalDataSource> postgresql;

    @Produces
    @Records
    @Singleton
    DataSource records() {
        if (postgresql.getHandle().getBean().isActive()) {
            return postgresql.get();
        }
        if (h2.getHandle().getBean().isActive()) {
            return h2.get();
        }
        throw new IllegalStateException("no records database is configured: set DATABASE_URL (PostgreSQL) or leave it unset for the embedded H2 database");
    }

    /** Start-up says which database holds the records, so an operator sees the choice in the first lines. */
    void announce(@Observes StartupEvent event, @Records DataSource dataSource) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            LOG.infof("decision records in %s %s at %s (connected in %d ms)", meta.getDatabaseProductName(),
                    meta.getDatabaseProductVersion(), meta.getURL(), (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the records database: " + e.getMessage(), e);
        }
    }
}
