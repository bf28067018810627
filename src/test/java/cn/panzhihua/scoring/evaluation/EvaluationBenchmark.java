package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.Origin;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One evaluation in-process, for representative unit-years: the rules (a session from the pool,
 * facts in, rules fired, results and trail out), the plain-Java rendering of the same rubric as the
 * floor, and the whole request path (validation, rules, response, JSON). Sample mode gives p50/p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark {

    @Param({"clean-department", "many-findings", "county", "500-adoptions", "2000-adoptions"})
    public String unitYear;

    private Rulebook rulebook;
    private EvaluationRequest request;
    private EvaluationInput input;
    private ObjectMapper mapper;

    @Setup
    public void setUp() {
        // The service runs Drools at WARN; so must the benchmark, or it measures trace logging.
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("org.drools").setLevel(Level.WARNING);
        rulebook = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));
        request = request(unitYear);
        input = RequestValidator.validate(request, rulebook);
        mapper = JsonSetup.mapper();
    }

    @Benchmark
    public Outcome rules() {
        return Evaluator.evaluate(input);
    }

    @Benchmark
    public Map<String, BigDecimal> plainJava() {
        return PlainJavaRubric.score(input);
    }

    @Benchmark
    public String requestToJson() throws Exception {
        EvaluationInput validated = RequestValidator.validate(request, rulebook);
        return mapper.writeValueAsString(ResponseAssembler.assemble(Evaluator.evaluate(validated), "bench", Instant.EPOCH, false));
    }

    static EvaluationRequest request(String unitYear) {
        List<Integer> months = List.of(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8);
        return switch (unitYear) {
            case "clean-department" -> new EvaluationRequest("市发展改革委", 2016, List.of(),
                    new EvaluationRequest.InformationInput(months, List.of()), null, null);
            case "many-findings" -> new EvaluationRequest("市发展改革委", 2016, List.of(
                    finding("D-1.1", 1), finding("D-1.2", 1), finding("D-2.3", 1), finding("D-3.2.1", 1), finding("D-3.3", 1),
                    finding("D-4.1", 1), finding("D-4.2", 1), finding("E-1", 2), finding("E-2", 3), finding("E-3", 2),
                    finding("E-5", 1), finding("I-1", 1), finding("I-2.1-DUP", 1), finding("I-2.1-URGENT", 1), finding("I-2.2", 1)),
                    new EvaluationRequest.InformationInput(List.of(6, 5, 6, 8, 6, 6, 9, 6, 4, 6, 6, 7), adoptions(20)),
                    Map.of("D-1", new BigDecimal("10"), "E-2", new BigDecimal("20")), null);
            case "county" -> new EvaluationRequest("东区政府", 2016, List.of(finding("E-1", 1), finding("E-4", 1), finding("I-2.2", 1)),
                    new EvaluationRequest.InformationInput(List.of(8, 8, 7, 8, 8, 8, 8, 9, 8, 8, 8, 8), adoptions(30)), null, null);
            case "500-adoptions" -> new EvaluationRequest("市政府办公室", 2016, List.of(finding("D-2.1", 1)),
                    new EvaluationRequest.InformationInput(months, adoptions(500)), null, null);
            // the most a unit-year may hold (limits.adoptions)
            case "2000-adoptions" -> new EvaluationRequest("市政府办公室", 2016, List.of(finding("D-2.1", 1)),
                    new EvaluationRequest.InformationInput(months, adoptions(2000)), null, null);
            default -> throw new IllegalArgumentException(unitYear);
        };
    }

    private static EvaluationRequest.FindingInput finding(String code, int count) {
        return new EvaluationRequest.FindingInput(code, count, false, "抽查发现 " + code, Origin.SPOT_CHECK);
    }

    private static List<EvaluationRequest.AdoptionInput> adoptions(int n) {
        String[] channels = {"CITY_BULLETIN", "CITY_DAILY_BRIEF", "PROVINCE_MORNING_BRIEF", "CITY_BULLETIN_SPECIAL", "STATE_COUNCIL_DYNAMIC"};
        List<EvaluationRequest.AdoptionInput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String channel = channels[i % channels.length];
            out.add(new EvaluationRequest.AdoptionInput(channel, "2016-%02d-%02d".formatted(1 + i % 12, 1 + i % 28), "信息 " + i,
                    i % 7 == 0 ? LeaderInstruction.MUNICIPAL : LeaderInstruction.NONE,
                    channel.startsWith("STATE_COUNCIL_") ? i % 2 == 0 : null, null));
        }
        return out;
    }
}
