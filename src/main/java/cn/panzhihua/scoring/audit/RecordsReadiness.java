package cn.panzhihua.scoring.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while decision records can be written: every answered evaluation is stored first, so
 * a service that cannot write would answer every recorded evaluation with 503. Each call makes a
 * committed no-op write ({@link RecordStore#probeWrite()}); DOWN says why, with the correlation id
 * under which the database's message was logged, and turns UP again once a write succeeds.
 */
@Readiness
@ApplicationScoped
public class RecordsReadiness implements HealthCheck {

    @Inject
    RecordStore records;

    @Override
    public HealthCheckResponse call() {
        try {
            records.probeWrite();
            return HealthCheckResponse.named("decision records").up().withData("writable", true).build();
        } catch (RecordsUnavailableException e) {
            return HealthCheckResponse.named("decision records").down().withData("writable", false)
                    .withData("reason", "decision records cannot be written: " + e.getMessage())
                    .withData("correlationId", e.correlationId()).build();
        }
    }
}
