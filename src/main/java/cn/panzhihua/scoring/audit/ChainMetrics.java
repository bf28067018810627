package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.database.Records;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The length of the decision-record chain, read from its head when /q/metrics is scraped (one
 * primary-key read). Every instance on a shared database reports the same chain.
 */
@ApplicationScoped
public class ChainMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    @Records
    DataSource dataSource;

    void start(@Observes StartupEvent event) {
        Gauge.builder("scoring.records.chain.length", this, ChainMetrics::length)
                .description("Decision records in the hash chain (the sequence number of its head); NaN when the database cannot be read")
                .register(registry);
    }

    double length() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement head = c.prepareStatement("SELECT last_seq FROM chain_head WHERE id = 1");
             ResultSet rs = head.executeQuery()) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
