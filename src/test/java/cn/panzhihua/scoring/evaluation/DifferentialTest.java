package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import cn.panzhihua.scoring.authoring.ResponsePaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rules and a plain-Java rendering of the same rubric must agree on every number for many
 * seeded random unit-years, for every year folder present. A disagreement is a bug in one of them
 * (or in the engine).
 */
public class DifferentialTest {

    /** Every year folder of rules-drl/ (and any rulebook a test builds, see {@link #agree}). */
    static Stream<Path> years() {
        return Rulebooks.yearFolders(RulesDirectory.resolve("rules-drl")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void rulesAndPlainJavaAgreeOnRandomUnitYears(Path folder) {
        assertEquals(List.of(), agree(RulebookLoader.load(folder), 2000));
    }

    /** Where the rules and the plain-Java rubric disagree on {@code cases} random unit-years of the rulebook (at most 20). */
    public static List<String> agree(Rulebook rulebook, int cases) {
        ObjectMapper mapper = JsonSetup.mapper();
        RandomUnitYears requests = new RandomUnitYears(rulebook, 104L);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < cases && disagreements.size() < 20; i++) {
            EvaluationRequest request = requests.next();
            EvaluationInput input = RequestValidator.validate(request, rulebook);
            JsonNode response = mapper.valueToTree(ResponseAssembler.assemble(Evaluator.evaluate(input), "d", Instant.EPOCH, false));
            for (Map.Entry<String, BigDecimal> expected : PlainJavaRubric.score(input).entrySet()) {
                JsonNode actual = ResponsePaths.find(response, expected.getKey());
                if (actual == null || actual.decimalValue().compareTo(expected.getValue()) != 0) {
                    disagreements.add("case " + i + " " + request + ": " + expected.getKey() + " rules " + actual + ", plain Java " + expected.getValue());
                }
            }
        }
        return disagreements;
    }

    /**
     * The rules' "salience -1" only spares work: the same rulebook without it gives the same
     * response, trail included (as a set: the order of firing may differ), for random unit-years.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void resultsDoNotDependOnTheOrderOfFiring(Path folder) {
        RulebookSource source = RulebookSource.read(folder);
        Rulebook settled = RulebookLoader.build(source);
        java.util.Map<String, String> unordered = new java.util.TreeMap<>();
        source.files().forEach((path, text) -> unordered.put(path, text.replace("    salience -1\n", "")));
        Rulebook anyOrder = RulebookLoader.build(new RulebookSource(source.year(), unordered));
        ObjectMapper mapper = JsonSetup.mapper();
        RandomUnitYears requests = new RandomUnitYears(settled, 721L);
        for (int i = 0; i < 300; i++) {
            EvaluationRequest request = requests.next();
            JsonNode a = withoutOrder(mapper.valueToTree(ResponseAssembler.assemble(
                    Evaluator.evaluate(RequestValidator.validate(request, settled)), "x", Instant.EPOCH, false)));
            JsonNode b = withoutOrder(mapper.valueToTree(ResponseAssembler.assemble(
                    Evaluator.evaluate(RequestValidator.validate(request, anyOrder)), "x", Instant.EPOCH, false)));
            assertEquals(a, b, "case " + i + " " + request);
        }
    }

    /** The response with its trail as a set: seq, location and version depend on the file's text or the firing order. */
    private static JsonNode withoutOrder(JsonNode response) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = response.deepCopy();
        copy.remove("rulebookVersion");
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : copy.remove("trail")) {
            com.fasterxml.jackson.databind.node.ObjectNode e = entry.deepCopy();
            e.remove(List.of("seq", "location"));
            entries.add(e.toString());
        }
        java.util.Collections.sort(entries);
        copy.putPOJO("trail", entries);
        return copy;
    }
}
