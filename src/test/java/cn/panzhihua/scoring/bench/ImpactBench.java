package cn.panzhihua.scoring.bench;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.Evaluator;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.evaluation.ResponseAssembler;
import cn.panzhihua.scoring.rulebook.CompiledRulesCache;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.UnitRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an impact run's time goes, in-process and without a database (benchmarks/impact.sh measures
 * the service): building a candidate from the compile cache, and evaluating plus diffing one stored
 * answer per unit-year under a fresh candidate, pass after pass, on one thread.
 *
 * <pre>./mvnw -q test-compile && java -cp "$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test):target/test-classes:target/classes" cn.panzhihua.scoring.bench.ImpactBench 10</pre>
 */
public final class ImpactBench {

    private ImpactBench() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ObjectMapper mapper = JsonSetup.mapper();
        RulebookSource source = RulebookSource.read(Path.of("rules-drl/2016"));
        CompiledRulesCache cache = CompiledRulesCache.inMemory();
        Rulebook serving = RulebookLoader.build(source, cache);
        List<String> requests = new ArrayList<>();
        List<JsonNode> stored = new ArrayList<>();
        int n = 0;
        for (UnitRow unit : serving.units().values()) {
            StringBuilder adoptions = new StringBuilder();
            for (int i = 1; i <= 1 + n % 9; i++) {
                adoptions.append(i > 1 ? "," : "").append("{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-0").append(1 + i % 9)
                        .append("-1").append(i % 10).append("\"}");
            }
            String request = "{\"unit\": \"" + unit.name() + "\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8],"
                    + " \"adoptions\": [" + adoptions + "]}}";
            requests.add(request);
            stored.add(mapper.readTree(mapper.writeValueAsString(evaluate(mapper, serving, request))));
            n++;
        }
        String channels = source.file("channels.tsv").orElseThrow();
        RulebookSource draft = source.with("channels.tsv", channels.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t"));
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            Rulebook candidate = RulebookLoader.build(draft, cache);
            long built = System.nanoTime();
            System.out.printf("round %d: candidate built from the compile cache in %.1f ms%n", round, (built - start) / 1e6);
            for (int pass = 0; pass < passes; pass++) {
                long passStart = System.nanoTime();
                long evaluating = 0;
                long diffing = 0;
                int changed = 0;
                for (int i = 0; i < requests.size(); i++) {
                    long t0 = System.nanoTime();
                    JsonNode after = mapper.valueToTree(evaluate(mapper, candidate, requests.get(i)));
                    long t1 = System.nanoTime();
                    if (!ReplayDiff.values(stored.get(i), after).isEmpty() | !ReplayDiff.clauses(stored.get(i), after).isEmpty()) {
                        changed++;
                    }
                    evaluating += t1 - t0;
                    diffing += System.nanoTime() - t1;
                }
                System.out.printf("  pass %2d: %d unit-years in %6.1f ms (%5.0f µs evaluate, %4.0f µs diff each), %d changed%n", pass,
                        requests.size(), (System.nanoTime() - passStart) / 1e6, evaluating / 1e3 / requests.size(), diffing / 1e3 / requests.size(), changed);
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            evaluate(mapper, serving, requests.get(i % requests.size()));
        }
        System.out.printf("serving rulebook (warm), for comparison: %.0f µs per evaluation%n", (System.nanoTime() - start) / 1e3 / 1000);
    }

    private static Object evaluate(ObjectMapper mapper, Rulebook rulebook, String body) throws Exception {
        EvaluationRequest request = mapper.readValue(body, EvaluationRequest.class);
        return ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(request, rulebook)), "x", Instant.EPOCH, false);
    }
}
