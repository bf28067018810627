package cn.panzhihua.scoring.evaluation;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 §4, each input the review found costing far more than it should: a 4xx problem+json,
 * nothing stored. (How fast they are answered is checked, with the rest of the hostile corpus, by
 * HostileCorpusTest.)
 */
@QuarkusTest
class RequestLimitsTest {

    static final String MONTHS = "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}";

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    @Inject
    DataSource dataSource;

    @Inject
    cn.panzhihua.scoring.audit.RecordStore records;

    long recordsBefore;

    @BeforeEach
    void countRecords() {
        recordsBefore = RawHttp.records(dataSource);
    }

    @AfterEach
    void nothingStored() {
        assertEquals(recordsBefore, RawHttp.records(dataSource), "a rejected request stored a record");
    }

    static ValidatableResponse post(String body, int status) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations").then().statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status));
    }

    /** An address past limits.uri (4096 characters) is a 414 in words: a Chinese page on the console, problem+json elsewhere. */
    @Test
    void anOverLongAddressIsAnsweredInWords() {
        String tail = "a".repeat(5000);
        given().urlEncodingEnabled(false).get("/api/v1/units?name=" + tail).then().statusCode(414)
                .contentType("application/problem+json").body("field", equalTo("uri"))
                .body("detail", containsString("at most 4096 are accepted"));
        given().urlEncodingEnabled(false).get("/console/evaluations?unit=" + tail).then().statusCode(414)
                .contentType(containsString("text/html")).body(containsString("地址过长")).body(containsString("返回控制台首页"));
        // at the limit an address is served as ever
        given().urlEncodingEnabled(false).get("/api/v1/units?name=" + "a".repeat(4096 - "/api/v1/units?name=".length())).then().statusCode(200);
    }

    @Test
    void decimalsWithHugeExponents() {
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"selfScores\": {\"D-1\": 1e-3000000}, " + MONTHS + "}", 400)
                .body("field", equalTo("selfScores.D-1")).body("value", equalTo("1E-3000000"))
                .body("detail", containsString("limits.decimal-places"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"selfScores\": {\"D-1\": 1e-999999999}, " + MONTHS + "}", 400)
                .body("field", equalTo("selfScores.D-1"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"selfScores\": {\"D-1\": 1e999999999}, " + MONTHS + "}", 400)
                .body("detail", containsString("limits.decimal-digits"));
        // within the bounds, the range is checked as before
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"selfScores\": {\"D-1\": 10.000001}, " + MONTHS + "}", 400)
                .body("detail", containsString("between 0 and its 分值 10"));
    }

    @Test
    void countsAreBoundedAndAddUpWithoutWrapping() {
        // the review: 2147483647 + 1 wrapped the rule's int sum and E-1 scored 20/20 with no trail entry
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"count\": 2147483647}, {\"code\": \"E-1\", \"count\": 1}], "
                + MONTHS + "}", 400).body("field", equalTo("findings[0].count")).body("value", equalTo(2147483647))
                .body("detail", containsString("limits.count"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"count\": 600}, {\"code\": \"E-2\", \"count\": 600}, "
                + "{\"code\": \"E-1\", \"count\": 600}], " + MONTHS + "}", 400)
                .body("field", equalTo("findings[2].count")).body("detail", containsString("the counts of E-1 add up to 1200"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,2147483647]}}", 400)
                .body("field", equalTo("information.monthlySubmissions[11]"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"count\": 99999999999}], " + MONTHS + "}", 400)
                .body("field", equalTo("findings[0].count"));
    }

    @Test
    void perUnitYearLimitsAre413() {
        StringBuilder adoptions = new StringBuilder();
        for (int i = 0; i < 2001; i++) {
            adoptions.append(i == 0 ? "" : ",").append("{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-03-02\"}");
        }
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8], \"adoptions\": ["
                + adoptions + "]}}", 413).body("field", equalTo("information.adoptions")).body("value", equalTo(2001))
                .body("detail", containsString("limits.adoptions"));
        StringBuilder findings = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            findings.append(i == 0 ? "" : ",").append("{\"code\": \"D-1.1\"}");
        }
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [" + findings + "], " + MONTHS + "}", 413)
                .body("field", equalTo("findings")).body("detail", containsString("limits.findings"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"D-1.1\", \"note\": \"" + "抽".repeat(2001) + "\"}], "
                + MONTHS + "}", 413).body("field", equalTo("findings[0].note")).body("detail", containsString("2001 characters"))
                .body("value", containsString("(2001 characters)"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8], \"adoptions\": "
                + "[{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-03-02\", \"title\": \"" + "x".repeat(501) + "\"}]}}", 413)
                .body("field", equalTo("information.adoptions[0].title"));
    }

    @Test
    void bodiesLargerThanTheLimitAreAnswered413NotCut() {
        // the review: a 9.9 MB note was stored; a 20 MB body closed the connection with no answer
        for (long size : new long[]{9_900_000, 20_000_000}) {
            String prefix = "{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"note\": \"";
            String suffix = "\"}], " + MONTHS + "}";
            byte[] body = (prefix + "x".repeat((int) size) + suffix).getBytes(StandardCharsets.UTF_8);
            RawHttp.Answer declared = RawHttp.post(evaluations, "application/json", body);
            assertEquals(413, declared.status(), declared.body());
            assertEquals("application/problem+json", declared.contentType());
            assertTrue(declared.body().contains("limits.body"), declared.body());
            RawHttp.Answer chunked = RawHttp.postChunked(evaluations, "application/json",
                    () -> RawHttp.repeated(prefix, "x".repeat(1000), size / 1000, suffix));
            assertEquals(413, chunked.status(), chunked.body());
            assertEquals("application/problem+json", chunked.contentType());
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void duplicateKeysAre400() {
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"unit\": \"市林业局\", " + MONTHS + "}", 400)
                .body("field", equalTo("unit")).body("detail", containsString("names 'unit' twice"));
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"count\": 1, \"count\": 3}], " + MONTHS + "}", 400)
                .body("field", equalTo("findings[0].count"));
    }

    @Test
    void contentTypeMustBeJsonInUtf8() {
        byte[] body = ("{\"unit\": \"市财政局\", \"year\": 2016, " + MONTHS + "}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer none = RawHttp.post(evaluations, null, body);
        assertEquals(415, none.status(), none.body());
        assertEquals("application/problem+json", none.contentType());
        assertEquals(415, RawHttp.post(evaluations, "text/plain", body).status());
        assertEquals(415, RawHttp.post(evaluations, "application/json; charset=GBK", body).status());
        assertEquals(200, RawHttp.post(URI.create(evaluations + "?record=false"), "application/json; charset=utf-8", body).status());
    }

    @Test
    void invalidUtf8Is400() {
        byte[] prefix = "{\"unit\": \"市财".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = ("\", \"year\": 2016, " + MONTHS + "}").getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][]{{(byte) 0xff}, {(byte) 0xe6, (byte) 0x94}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            byte[] body = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
            RawHttp.Answer answer = RawHttp.post(evaluations, "application/json", body);
            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.body().contains("not valid UTF-8") && answer.body().contains("offset " + prefix.length), answer.body());
        }
    }

    @Test
    void aBatchItemIsValidatedExactlyAsASingleRequest() {
        String item = "{\"unit\": \"市财政局\", \"year\": 2016, \"selfScores\": {\"D-1\": 10.000000000000000001}, " + MONTHS + "}";
        post(item, 400).body("field", equalTo("selfScores.D-1"));
        given().contentType(ContentType.JSON).body("{\"items\": [" + item + "]}").post("/api/v1/evaluations/batch").then().statusCode(200)
                .body("failed", equalTo(1)).body("items[0].status", equalTo(400))
                .body("items[0].problem.field", equalTo("items[0].selfScores.D-1"))
                .body("items[0].problem.value", equalTo("10.000000000000000001"));
        String duplicate = "{\"unit\": \"市财政局\", \"unit\": \"市林业局\", \"year\": 2016, " + MONTHS + "}";
        given().contentType(ContentType.JSON).body("{\"items\": [" + duplicate + "]}").post("/api/v1/evaluations/batch").then().statusCode(200)
                .body("items[0].status", equalTo(400)).body("items[0].problem.field", equalTo("items[0].unit"));
        String tooMany = "{\"items\": [" + (item + ",").repeat(200) + item + "]}";
        given().contentType(ContentType.JSON).body(tooMany).post("/api/v1/evaluations/batch").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("limits.batch-items"));
    }

    @Test
    void aBatchStoresEachItemAsSent() {
        String item = "{\"unit\":\"市财政局\",  \"year\": 2016,\n \"selfScores\": {\"D-1\": 7.50}, " + MONTHS + "}";
        String batchId = given().contentType(ContentType.JSON).body("{\"items\": [ " + item + " ]}").post("/api/v1/evaluations/batch")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo(200)).extract().path("batchId");
        String id = given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/evaluations?batch=" + batchId)
                .then().statusCode(200).extract().path("items[0].id");
        assertEquals(item, records.find(id).orElseThrow().requestJson()); // not re-serialised (7.5, no spaces) by the batch
        recordsBefore++;
    }
}
