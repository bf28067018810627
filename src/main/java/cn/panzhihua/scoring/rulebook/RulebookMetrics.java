package cn.panzhihua.scoring.rulebook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Rulebook metrics at /q/metrics: reloads by year, outcome and duration, and the version each year
 * serves (one series per instance and year with value 1), so that instances serving different
 * versions of a year show up side by side.
 */
@ApplicationScoped
public class RulebookMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Rulebooks rulebooks;

    private MultiGauge serving;

    void start(@Observes StartupEvent event) {
        serving = MultiGauge.builder("scoring.rulebook.serving")
                .description("1 for the version each year's rulebook serves on this instance").register(registry);
        refresh();
    }

    /** A reload ended: its outcome and duration, and what serves now. */
    public void reloaded(ReloadResult result) {
        Timer.builder("scoring.rulebook.reload.duration")
                .description("Rulebook reloads (compile and scenarios) by year and outcome: swapped, unchanged or rejected")
                .tag("year", String.valueOf(result.year())).tag("outcome", result.status().name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(result.millis(), TimeUnit.MILLISECONDS);
        refresh();
    }

    private void refresh() {
        if (serving != null) {
            serving.register(rulebooks.all().stream().map(r -> MultiGauge.Row.of(
                    Tags.of("year", String.valueOf(r.year()), "rulebook_version", r.version()), 1)).toList(), true);
        }
    }
}
