package cn.panzhihua.scoring.evaluation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Every evaluation's bounds: at most {@code rules.max-firings} rule firings and
 * {@code rules.time-budget} of firing time (application.properties). They hold for the serving
 * rulebooks, for drafts (validate, impact) and in the command-line tool (which keeps the defaults).
 */
@ApplicationScoped
public class RuleLimits {

    static final int DEFAULT_MAX_FIRINGS = 100_000;
    static final long DEFAULT_TIME_BUDGET_MILLIS = 5_000;

    private static volatile int maxFirings = DEFAULT_MAX_FIRINGS;
    private static volatile long timeBudgetMillis = DEFAULT_TIME_BUDGET_MILLIS;

    @ConfigProperty(name = "rules.max-firings", defaultValue = "100000")
    int configuredFirings;

    @ConfigProperty(name = "rules.time-budget", defaultValue = "5S")
    Duration configuredBudget;

    void atStartup(@Observes StartupEvent event) {
        set(configuredFirings, configuredBudget.toMillis());
    }

    /** Sets both limits (tests, and the start-up from configuration). */
    public static void set(int firings, long budgetMillis) {
        if (firings < 1 || budgetMillis < 1) {
            throw new IllegalArgumentException("rules.max-firings and rules.time-budget must be positive");
        }
        maxFirings = firings;
        timeBudgetMillis = budgetMillis;
    }

    public static int maxFirings() {
        return maxFirings;
    }

    public static long timeBudgetMillis() {
        return timeBudgetMillis;
    }
}
