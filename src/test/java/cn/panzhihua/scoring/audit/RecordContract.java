package cn.panzhihua.scoring.audit;

import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import cn.panzhihua.scoring.database.Records;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the decision-record store promises, whatever database holds it: every answer stored before
 * it is returned, exactly as answered; dry runs not stored; search and paging; a hash chain that
 * names the first record changed behind the service's back. Run on H2 and on PostgreSQL.
 */
@TestSecurity(user = "auditor", roles = {"auditor", "evaluator"})
abstract class RecordContract {

    static final String REQUEST = """
            {"unit": "市国资委", "year": 2016, "findings": [{"code": "D-2.1", "note": "目录系统未及时公开"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";

    @Inject
    @Records
    DataSource dataSource;

    @Inject
    RecordStore store;

    static String evaluate(String query) {
        return given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations" + query)
                .then().statusCode(200).extract().asString();
    }

    @Test
    void anAnswerIsStoredExactlyAsAnswered() {
        String answered = evaluate("");
        String id = io.restassured.path.json.JsonPath.from(answered).getString("evaluationId");
        var record = given().get("/api/v1/evaluations/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("unit", equalTo("市国资委"))
                .body("year", equalTo(2016))
                .body("rulebookVersion", matchesPattern("2016-[0-9a-f]{12}"))
                .body("serviceVersion", notNullValue())
                .body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .body("request.findings[0].note", equalTo("目录系统未及时公开"))
                .body("response.recorded", equalTo(true))
                .body("response.disclosure.score", equalTo(95))
                .body("response.trail.find { it.clause == 'D-2.1' }.points", equalTo(-5))
                .extract().jsonPath();
        assertEquals(io.restassured.path.json.JsonPath.from(answered).getMap(""), record.getMap("response"));
    }

    @Test
    void aDryRunIsNotStored() {
        long before = total("市国资委");
        String answered = evaluate("?record=false");
        String id = io.restassured.path.json.JsonPath.from(answered).getString("evaluationId");
        given().get("/api/v1/evaluations/" + id).then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, total("市国资委"));
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations?record=maybe")
                .then().statusCode(400).body("field", equalTo("record"));
    }

    @Test
    void aRejectedRequestStoresNothing() {
        long before = total(null);
        given().contentType(ContentType.JSON).body(REQUEST.replace("D-2.1", "D-9.9")).post("/api/v1/evaluations").then().statusCode(400);
        assertEquals(before, total(null));
    }

    @Test
    void searchFiltersAndPages() {
        for (int i = 0; i < 3; i++) {
            evaluate("");
        }
        given().get("/api/v1/evaluations?unit=市国资委&year=2016&size=2&page=0").then().statusCode(200)
                .body("size", equalTo(2)).body("items", hasSize(2)).body("total", greaterThanOrEqualTo(3))
                .body("items.unit", everyItem(equalTo("市国资委")))
                .body("items[0].seq", greaterThan(0))
                .body("items[0].totalContribution", equalTo(0.5f));
        given().get("/api/v1/evaluations?unit=市国资委&from=2016-01-01&to=2016-12-31").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/v1/evaluations?unit=市国资委&from=2000-01-01").then().statusCode(200).body("total", greaterThanOrEqualTo(3));
        given().get("/api/v1/evaluations?size=1000").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("size")).body("detail", containsString("1000"));
        given().get("/api/v1/evaluations?from=yesterday").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/v1/evaluations?year=16x").then().statusCode(400).body("field", equalTo("year"));
        given().get("/api/v1/evaluations?page=-1").then().statusCode(400).body("field", equalTo("page"));
        given().get("/api/v1/evaluations?from=2016-05-01&to=2016-04-01").then().statusCode(400).body("field", equalTo("to"));
        given().get("/api/v1/evaluations?size=5").then().statusCode(200).body("items.size()", lessThanOrEqualTo(5));
    }

    @Test
    void badAndUnknownIds() {
        given().get("/api/v1/evaluations/not-an-id").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id")).body("value", equalTo("not-an-id"));
        given().get("/api/v1/evaluations/0f8fad5b-d9cb-469f-a165-70867728950e").then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/v1/evaluations/0f8fad5b-d9cb-469f-a165-70867728950e/replay").then().statusCode(404);
    }
    /** A batch's records go in one transaction: one bad record and none of the batch is stored. */
    @Test
    void recordsAppendedTogetherAreStoredAllOrNone() {
        String existing = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        long before = total(null);
        String batch = java.util.UUID.randomUUID().toString();
        java.util.List<RecordDraft> clash = java.util.List.of(draft(java.util.UUID.randomUUID().toString(), batch),
                draft(existing, batch), draft(java.util.UUID.randomUUID().toString(), batch));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> store.appendAll(clash, "test"));
        assertEquals(before, total(null), "nothing of the failed batch is stored");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        java.util.List<DecisionRecord> stored = store.appendAll(java.util.List.of(draft(java.util.UUID.randomUUID().toString(), batch),
                draft(java.util.UUID.randomUUID().toString(), batch), draft(java.util.UUID.randomUUID().toString(), batch)), "test");
        assertEquals(before + 3, total(null));
        assertEquals(stored.get(0).seq() + 2, stored.get(2).seq());
        assertEquals(stored.get(0).contentHash(), stored.get(1).previousHash(), "each links to the one before");
        given().get("/api/v1/evaluations?batch=" + batch).then().statusCode(200).body("total", equalTo(3));
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static RecordDraft draft(String id, String batch) {
        return new RecordDraft(id, "auditor", "市国资委", 2016, "2016-test", batch, REQUEST, "{\"recorded\":true}");
    }

    @Test
    void theChainNamesARecordChangedBehindTheServicesBack() throws Exception {
        String id = io.restassured.path.json.JsonPath.from(evaluate("")).getString("evaluationId");
        evaluate("");
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        String original;
        try (Connection c = dataSource.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT response_json FROM decision_record WHERE id = ?")) {
            read.setString(1, id);
            var rs = read.executeQuery();
            rs.next();
            original = rs.getString(1);
        }
        update(id, original.replace("\"score\":95", "\"score\":100"));
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstMismatch.id", equalTo(id))
                    .body("firstMismatch.reason", containsString("changed after it was stored"));
        } finally {
            update(id, original);
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private void update(String id, String response) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement write = c.prepareStatement("UPDATE decision_record SET response_json = ? WHERE id = ?")) {
            write.setString(1, response);
            write.setString(2, id);
            assertEquals(1, write.executeUpdate());
        }
    }

    static long total(String unit) {
        return given().get("/api/v1/evaluations" + (unit == null ? "" : "?unit=" + unit)).then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }
}
