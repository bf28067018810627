package cn.panzhihua.scoring.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /q/metrics counts what happened: known evaluations (recorded, dry run, rejected with and without
 * a rulebook), the rules and vetoes of their trails, recording, a reload, reports, the chain length.
 */
@QuarkusTest
class MetricsTest {

    static final String VETOED = """
            {"unit": "市国资委", "year": 2016, "findings": [{"code": "D-V1", "note": "涉密信息上网"}, {"code": "E-1", "count": 2}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-dev");
    }

    static Scrape scrape() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void evaluationsTrailsAndRecordingAreCounted() {
        Scrape before = scrape();
        String version = given().get("/api/v1/rulebooks/2016").then().statusCode(200).extract().path("version");
        Map<String, Integer> clauses = new HashMap<>();
        for (String query : List.of("", "", "?record=false")) {
            JsonPath answer = as("evaluator").contentType(ContentType.JSON).body(VETOED).post("/api/v1/evaluations" + query)
                    .then().statusCode(200).extract().jsonPath();
            for (String clause : answer.<String>getList("trail.clause")) {
                clauses.merge(clause, 1, Integer::sum);
            }
        }
        as("evaluator").contentType(ContentType.JSON).body(VETOED.replace("市国资委", "市国资局")).post("/api/v1/evaluations")
                .then().statusCode(400);
        as("evaluator").contentType(ContentType.JSON).body(VETOED.replace("2016", "1999")).post("/api/v1/evaluations")
                .then().statusCode(404);
        Scrape after = scrape();

        Map<String, String> year = Map.of("year", "2016", "rulebook_version", version);
        assertEquals(2, delta(before, after, "scoring_evaluations_total", with(year, "outcome", "recorded")));
        assertEquals(1, delta(before, after, "scoring_evaluations_total", with(year, "outcome", "dry_run")));
        assertEquals(1, delta(before, after, "scoring_evaluations_total", with(year, "outcome", "rejected")));
        assertEquals(1, delta(before, after, "scoring_evaluations_total",
                Map.of("year", "none", "rulebook_version", "none", "outcome", "rejected")));
        assertEquals(3, delta(before, after, "scoring_evaluation_duration_seconds_count", Map.of("year", "2016")));
        assertEquals(2, delta(before, after, "scoring_record_duration_seconds_count", Map.of("kind", "single")));
        assertEquals(2, delta(before, after, "scoring_records_stored_total", Map.of()));
        assertEquals(3, delta(before, after, "scoring_vetoes_total", Map.of("year", "2016", "clause", "D-V1")));
        assertEquals(3, clauses.get("D-V1"));
        assertTrue(clauses.size() > 5, clauses.toString());
        clauses.forEach((clause, n) -> assertEquals(n, delta(before, after, "scoring_rule_firings_total",
                Map.of("year", "2016", "clause", clause)), clause));
        assertEquals(clauses.values().stream().mapToInt(Integer::intValue).sum(),
                delta(before, after, "scoring_rule_firings_total", Map.of("year", "2016")));
        assertTrue(after.sum("scoring_evaluation_duration_seconds_sum", Map.of("year", "2016"))
                > before.sum("scoring_evaluation_duration_seconds_sum", Map.of("year", "2016")));
        assertTrue(after.has("scoring_evaluation_duration_seconds_bucket", Map.of("year", "2016")), "a latency histogram");

        long chain = as("auditor").get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath().getLong("headSeq");
        assertEquals(chain, scrape().sum("scoring_records_chain_length"));
        assertEquals(1, after.sum("scoring_rulebook_serving", Map.of("year", "2016", "rulebook_version", version)));
    }

    @Test
    void reloadsAndReportsAreTimed() {
        as("evaluator").contentType(ContentType.JSON).body(VETOED).post("/api/v1/evaluations").then().statusCode(200);
        Scrape before = scrape();
        as("author").post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
        as("auditor").get("/api/v1/reports/2016").then().statusCode(200);
        as("auditor").get("/api/v1/reports/2016?format=csv").then().statusCode(200);
        as("auditor").get("/api/v1/reports/2016?format=xlsx").then().statusCode(200);
        Scrape after = scrape();
        assertEquals(1, delta(before, after, "scoring_rulebook_reload_duration_seconds_count", Map.of("year", "2016", "outcome", "unchanged")));
        for (String format : List.of("json", "csv", "xlsx")) {
            assertEquals(1, delta(before, after, "scoring_report_duration_seconds_count", Map.of("format", format)), format);
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new HashMap<>(labels);
        out.put(key, value);
        return out;
    }

    private static int delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return (int) Math.round(after.sum(name, labels) - before.sum(name, labels));
    }
}
