package cn.panzhihua.scoring.rulebook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every rulebook has compiled; reports the version each year serves. */
@Readiness
@ApplicationScoped
public class RulebooksReadiness implements HealthCheck {

    @Inject
    Rulebooks rulebooks;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rulebooks");
        rulebooks.all().forEach(r -> builder.withData(String.valueOf(r.year()), r.version()));
        return builder.status(!rulebooks.all().isEmpty()).build();
    }
}
