package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.rulebook.Rulebook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What operators watch about evaluations, at /q/metrics: how many by year, rulebook version and
 * outcome, how long the rules and the recording take, and which clauses applied and vetoed.
 * Meters are looked up once and kept, so an evaluation costs a few map reads and counter adds.
 */
@ApplicationScoped
public class EvaluationMetrics {

    /** How an evaluation ended: stored as a decision record, answered as a dry run, rejected (4xx), or failed (5xx). */
    public enum Outcome { RECORDED, DRY_RUN, REJECTED, FAILED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Tags of a request whose year has no rulebook (or could not be read): no unbounded tag values. */
    static final String NONE = "none";

    private record Key(String year, String version, Outcome outcome) {
    }

    @Inject
    MeterRegistry registry;

    private final Map<Key, Counter> evaluations = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> firings = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> vetoes = new ConcurrentHashMap<>();
    private final Map<String, Timer> recording = new ConcurrentHashMap<>();
    private Counter stored;

    @jakarta.annotation.PostConstruct
    void init() {
        stored = Counter.builder("scoring.records.stored").description("Decision records stored by this instance").register(registry);
    }

    /** One evaluation ended with {@code outcome}; {@code rulebook} is null when no rulebook was reached. */
    public void evaluated(Rulebook rulebook, Outcome outcome) {
        evaluated(rulebook == null ? NONE : String.valueOf(rulebook.year()), rulebook == null ? NONE : rulebook.version(), outcome);
    }

    public void evaluated(String year, String version, Outcome outcome) {
        evaluations.computeIfAbsent(new Key(year, version, outcome), k -> Counter.builder("scoring.evaluations")
                .description("Evaluations by year, rulebook version and outcome (recorded, dry_run, rejected, failed)")
                .tag("year", k.year()).tag("rulebook_version", k.version()).tag("outcome", k.outcome().tag())
                .register(registry)).increment();
    }

    /** The time from request body to response (parse, validate, rules, response), for evaluations that were answered. */
    public void took(int year, long nanos) {
        latency.computeIfAbsent(String.valueOf(year), y -> Timer.builder("scoring.evaluation.duration")
                .description("Time to evaluate one request: parse, validate, fire the rules, shape the response")
                .tag("year", y).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The trail of an answered evaluation: one rule firing per entry, by clause; vetoes by clause. */
    public void trail(int evaluatedYear, List<TrailEntry> trail) {
        String year = String.valueOf(evaluatedYear);
        Map<String, Counter> fired = firings.computeIfAbsent(year, y -> new ConcurrentHashMap<>());
        for (TrailEntry entry : trail) {
            fired.computeIfAbsent(entry.clause(), clause -> Counter.builder("scoring.rule.firings")
                    .description("Rules whose conclusion stands in an answer (one per trail entry), by clause")
                    .tag("year", year).tag("clause", clause).register(registry)).increment();
            if ("VETO".equals(entry.kind())) {
                vetoes.computeIfAbsent(year, y -> new ConcurrentHashMap<>()).computeIfAbsent(entry.clause(), clause ->
                        Counter.builder("scoring.vetoes").description("Vetoes applied in answers, by clause")
                                .tag("year", year).tag("clause", clause).register(registry)).increment();
            }
        }
    }

    /** Records were appended to the chain in one transaction ({@code batch}: a batch's records) in {@code nanos}. */
    public void stored(int records, boolean batch, long nanos) {
        recording.computeIfAbsent(batch ? "batch" : "single", kind -> Timer.builder("scoring.record.duration")
                .description("Time to append decision records to the chain and commit (one evaluation, or a batch's records together)")
                .tag("kind", kind).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        stored.increment(records);
    }
}
