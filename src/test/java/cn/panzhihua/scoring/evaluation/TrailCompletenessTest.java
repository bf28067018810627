package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An auditor must be able to rebuild every number of a response from its trail alone. For many
 * seeded random unit-years this rebuilds item scores, assessment scores, vetoes, contributions, the
 * total and the adoption tallies from the trail and compares them with the response.
 */
class TrailCompletenessTest {

    private static final Set<String> SCORE_KINDS = Set.of("DEDUCTION", "CAP", "TIER");
    private static Rulebook rulebook;
    private static ObjectMapper mapper;

    @BeforeAll
    static void load() {
        rulebook = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));
        mapper = JsonSetup.mapper();
    }

    @Test
    void theTrailRebuildsEveryNumberOfTheResponse() {
        RandomUnitYears requests = new RandomUnitYears(rulebook, 20160721L);
        for (int i = 0; i < 400; i++) {
            EvaluationRequest request = requests.next();
            Outcome outcome = Evaluator.evaluate(RequestValidator.validate(request, rulebook));
            JsonNode response = mapper.valueToTree(ResponseAssembler.assemble(outcome, "test", Instant.EPOCH, false));
            String label = "case " + i + " (" + request.unit() + ")";
            rebuild(response, label);
        }
    }

    static void rebuild(JsonNode response, String label) {
        JsonNode trail = response.get("trail");
        BigDecimal total = BigDecimal.ZERO;
        for (String assessment : List.of("disclosure", "efficiency", "information")) {
            JsonNode result = response.get(assessment);
            if (!result.get("applicable").asBoolean()) {
                assertTrue(entries(trail, assessment).isEmpty(), label + ": trail entries for an assessment that does not apply");
                continue;
            }
            BigDecimal sumOfItems = BigDecimal.ZERO;
            for (JsonNode item : result.get("items")) {
                BigDecimal rebuilt = item.get("max").decimalValue();
                for (JsonNode e : entries(trail, assessment)) {
                    if (item.get("code").asText().equals(e.path("item").asText()) && SCORE_KINDS.contains(e.get("kind").asText())) {
                        rebuilt = rebuilt.add(e.get("points").decimalValue());
                    }
                }
                assertSame(item.get("score").decimalValue(), rebuilt, label + ": " + assessment + " item " + item.get("code").asText());
                sumOfItems = sumOfItems.add(rebuilt);
            }
            assertSame(result.get("score").decimalValue(), sumOfItems, label + ": " + assessment + " score");
            List<JsonNode> conversions = entries(trail, assessment).stream().filter(e -> e.get("kind").asText().equals("CONVERSION")).toList();
            assertEquals(1, conversions.size(), label + ": one conversion for " + assessment);
            assertSame(result.get("contribution").decimalValue(), conversions.get(0).get("points").decimalValue(), label + ": " + assessment + " contribution");
            total = total.add(conversions.get(0).get("points").decimalValue());
            if (result.has("vetoed")) {
                boolean vetoTrail = entries(trail, assessment).stream().anyMatch(e -> e.get("kind").asText().equals("VETO"));
                assertEquals(result.get("vetoed").asBoolean(), vetoTrail, label + ": " + assessment + " vetoed");
            }
        }
        assertSame(response.get("totalContribution").decimalValue(), total, label + ": totalContribution");
        JsonNode adoption = response.get("information").get("adoption");
        for (String level : List.of("municipal", "provincial")) {
            JsonNode portion = adoption.get(level);
            String upper = level.toUpperCase();
            if (portion == null) {
                assertTrue(entries(trail, "information").stream().noneMatch(e -> upper.equals(e.path("level").asText())
                        && !e.get("kind").asText().equals("NOT_COUNTED")), label + ": entries for a " + level + " portion that does not exist");
                continue;
            }
            BigDecimal earned = BigDecimal.ZERO;
            BigDecimal tier = null;
            for (JsonNode e : entries(trail, "information")) {
                if (upper.equals(e.path("level").asText()) && e.get("kind").asText().equals("TALLY")) {
                    earned = earned.add(e.get("points").decimalValue());
                }
                if (upper.equals(e.path("level").asText()) && e.get("kind").asText().equals("TIER")) {
                    tier = e.get("points").decimalValue();
                }
            }
            assertSame(portion.get("earned").decimalValue(), earned, label + ": " + level + " earned");
            assertSame(portion.get("score").decimalValue(), portion.get("portion").decimalValue().add(tier), label + ": " + level + " score");
        }
    }

    private static List<JsonNode> entries(JsonNode trail, String assessment) {
        List<JsonNode> out = new java.util.ArrayList<>();
        trail.forEach(e -> {
            if (assessment.equals(e.get("assessment").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    private static void assertSame(BigDecimal expected, BigDecimal actual, String what) {
        assertEquals(0, expected.compareTo(actual), what + ": response " + expected + ", rebuilt from trail " + actual);
    }
}
