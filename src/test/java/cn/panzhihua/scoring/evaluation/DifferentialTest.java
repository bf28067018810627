package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import cn.panzhihua.scoring.scenario.ResponsePaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rules and a plain-Java rendering of the same rubric must agree on every number for many
 * seeded random unit-years. A disagreement is a bug in one of them (or in the engine).
 */
class DifferentialTest {

    @Test
    void rulesAndPlainJavaAgreeOnRandomUnitYears() {
        Rulebook rulebook = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new JsonSetup().customize(mapper);
        RandomUnitYears requests = new RandomUnitYears(rulebook, 104L);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 2000 && disagreements.size() < 20; i++) {
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
        assertEquals(List.of(), disagreements);
    }
}
