package cn.panzhihua.scoring.evaluation;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the metrics add to one recorded evaluation (BENCHMARKS.md, "Metrics"): the latency histogram,
 * one firing counter per trail entry (a findings-heavy answer has ~30), the outcome counter and the
 * recording histogram, on the Prometheus registry the service uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsBenchmark {

    private EvaluationMetrics metrics;
    private List<TrailEntry> trail;

    @Setup
    public void setUp() {
        metrics = new EvaluationMetrics();
        metrics.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.init();
        String[] clauses = {"D-1.2", "D-CONV", "E-1", "E-CAP", "E-CONV", "I-2.1", "I-3", "I-3", "I-3", "I-CONV", "D-V1", "I-CAP", "E-2"};
        trail = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String clause = clauses[i % clauses.length];
            trail.add(new TrailEntry(i + 1, clause + " rule", clause, "source", "text", BigDecimal.ONE, List.of("evidence"),
                    clause.equals("D-V1") ? "VETO" : "DEDUCTION", "disclosure", "D-1", null, null, null, "2016/x.drl:1"));
        }
    }

    @Benchmark
    public void recordedEvaluation() {
        metrics.took(2016, 120_000);
        metrics.trail(2016, trail);
        metrics.stored(1, false, 400_000);
        metrics.evaluated("2016", "2016-c09e27b34361", EvaluationMetrics.Outcome.RECORDED);
    }
}
