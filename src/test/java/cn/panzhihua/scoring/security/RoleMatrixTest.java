package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every endpoint × every role and anonymous, with the development users over HTTP Basic, in a
 * deployment where anonymous callers may not evaluate: 200 where the role may, 403 where it may
 * not, 401 without (or with wrong) credentials; health and the OpenAPI document are open.
 */
@QuarkusTest
@TestProfile(LockedDownProfile.class)
class RoleMatrixTest {

    static final String REQUEST = """
            {"unit": "市林业局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";
    static final Map<String, String> PASSWORDS = Map.of("evaluator", "evaluator-dev", "auditor", "auditor-dev", "author", "author-dev");
    static final List<String> CALLERS = List.of("anonymous", "evaluator", "auditor", "author");

    record Call(String method, String path, String body, ContentType type) {
    }

    static String oneRecordToRead() {
        return given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(REQUEST)
                .post("/api/v1/evaluations").then().statusCode(200).extract().path("evaluationId");
    }

    @Test
    void everyEndpointForEveryRole() throws Exception {
        String recordId = oneRecordToRead();
        String drl = Files.readString(cn.panzhihua.scoring.rulebook.RulesDirectory.resolve("rules-drl").resolve("2016/efficiency/table.drl"));
        Map<Call, Map<String, Integer>> matrix = new LinkedHashMap<>();
        Map<String, Integer> evaluatorOnly = expect(401, 200, 403, 403);
        Map<String, Integer> auditorOnly = expect(401, 403, 200, 403);
        Map<String, Integer> authorOnly = expect(401, 403, 403, 200);
        Map<String, Integer> anyRole = expect(401, 200, 200, 200);
        Map<String, Integer> open = expect(200, 200, 200, 200);
        matrix.put(new Call("POST", "/api/v1/evaluations", REQUEST, ContentType.JSON), evaluatorOnly);
        matrix.put(new Call("POST", "/api/v1/evaluations?record=false", REQUEST, ContentType.JSON), evaluatorOnly);
        matrix.put(new Call("POST", "/api/v1/evaluations/batch?record=false", "{\"items\": [" + REQUEST + "]}", ContentType.JSON), evaluatorOnly);
        matrix.put(new Call("GET", "/api/v1/evaluations/" + recordId, null, null), auditorOnly);
        matrix.put(new Call("GET", "/api/v1/reports/2016", null, null), auditorOnly);
        matrix.put(new Call("GET", "/api/v1/evaluations?unit=市林业局", null, null), auditorOnly);
        matrix.put(new Call("POST", "/api/v1/evaluations/" + recordId + "/replay", null, null), auditorOnly);
        matrix.put(new Call("GET", "/api/v1/audit/verify", null, null), auditorOnly);
        matrix.put(new Call("POST", "/api/v1/rulebooks/2016/reload", null, null), authorOnly);
        matrix.put(new Call("POST", "/api/v1/rulebooks/validate?year=2016&file=efficiency/table.drl", drl, ContentType.TEXT), authorOnly);
        // the adoption ledger (issue 21): reads for the office and auditors; writes for the office, sent invalid (400) so nothing is stored
        matrix.put(new Call("GET", "/api/v1/adoptions/2016", null, null), expect(401, 200, 200, 403));
        matrix.put(new Call("GET", "/api/v1/adoptions/2016/quarters/1", null, null), expect(401, 200, 200, 403));
        matrix.put(new Call("POST", "/api/v1/adoptions/2016/entries", "{}", ContentType.JSON), expect(401, 400, 403, 403));
        matrix.put(new Call("POST", "/api/v1/adoptions/2016/entries/x/correction", "{}", ContentType.JSON), expect(401, 404, 403, 403));
        matrix.put(new Call("POST", "/api/v1/adoptions/2016/submissions", "{}", ContentType.JSON), expect(401, 400, 403, 403));
        matrix.put(new Call("POST", "/api/v1/adoptions/2016/import", "x", ContentType.TEXT), expect(401, 400, 403, 403));
        matrix.put(new Call("GET", "/api/v1/units?year=2016", null, null), anyRole);
        matrix.put(new Call("GET", "/api/v1/rulebooks", null, null), anyRole);
        matrix.put(new Call("GET", "/api/v1/rulebooks/2016", null, null), anyRole);
        matrix.put(new Call("GET", "/api/v1/rulebooks/2016/clauses", null, null), anyRole);
        matrix.put(new Call("GET", "/api/v1/rulebooks/2016/rules", null, null), anyRole);
        matrix.put(new Call("GET", "/q/health/ready", null, null), open);
        matrix.put(new Call("GET", "/q/health/live", null, null), open);
        matrix.put(new Call("GET", "/q/openapi", null, null), open);
        matrix.put(new Call("GET", "/api/v1/ping", null, null), open);

        List<String> wrong = new ArrayList<>();
        matrix.forEach((call, expected) -> expected.forEach((caller, status) -> {
            int actual = send(as(caller), call);
            if (actual != status) {
                wrong.add(call.method() + " " + call.path() + " as " + caller + ": expected " + status + ", got " + actual);
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void refusalsAreProblemsThatSayWhy() {
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Basic realm=\"rubric-evaluation\"")
                .body("status", equalTo(401));
        given().auth().preemptive().basic("auditor", "wrong").get("/api/v1/audit/verify").then().statusCode(401)
                .contentType("application/problem+json");
        as("auditor").contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Forbidden"));
    }

    /** Issue 13: a 403 names the role the operation needed, and who the caller is. */
    @Test
    void aRefusalNamesTheRoleThatWasNeeded() {
        as("auditor").contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations").then().statusCode(403)
                .body("detail", equalTo("this operation needs the role evaluator; the caller is auditor (roles: auditor)"))
                .body("requiredRoles", equalTo(List.of("evaluator")));
        as("evaluator").get("/api/v1/audit/verify").then().statusCode(403)
                .body("detail", containsString("needs the role auditor")).body("requiredRoles", equalTo(List.of("auditor")));
        as("auditor").post("/api/v1/rulebooks/2016/reload").then().statusCode(403)
                .body("requiredRoles", equalTo(List.of("rule-author")));
        as("author").get("/api/v1/units?year=2016").then().statusCode(200);
    }

    static Map<String, Integer> expect(int anonymous, int evaluator, int auditor, int author) {
        Map<String, Integer> byCaller = new LinkedHashMap<>();
        byCaller.put("anonymous", anonymous);
        byCaller.put("evaluator", evaluator);
        byCaller.put("auditor", auditor);
        byCaller.put("author", author);
        return byCaller;
    }

    static RequestSpecification as(String caller) {
        return caller.equals("anonymous") ? given() : given().auth().preemptive().basic(caller, PASSWORDS.get(caller));
    }

    static int send(RequestSpecification spec, Call call) {
        if (call.body() != null) {
            spec = spec.contentType(call.type()).body(call.body());
        }
        return (call.method().equals("GET") ? spec.get(call.path()) : spec.post(call.path())).statusCode();
    }
}
