package cn.panzhihua.scoring.rulebook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import cn.panzhihua.scoring.console.ConsoleForms;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 §1 over HTTP: every file of the hostile corpus sent as a rule author would send it —
 * validate, impact (API and the console's form) and a file put in the rules folder then reloaded — is
 * refused at the line and column the file names, with a message naming what is not allowed; the
 * canary is never written, 2016 keeps serving the same version and answers as before.
 */
@QuarkusTest
@TestProfile(FrozenRulesProfile.class)
class HostileRulesOverHttpTest {

    private static final String FILE = "disclosure/organisation.drl";
    private static final String AS_FILED = "2016/" + FILE;

    @BeforeEach
    void oneRecordForImpactToRescore() {
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"D-1.1\"}], \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}")
                .post("/api/v1/evaluations").then().statusCode(200);
    }

    @Test
    void everyHostileDraftIsRefusedOnEveryPathAndNothingRuns() throws IOException {
        Files.deleteIfExists(HostileRulesTest.CANARY);
        String serving = version();
        List<HostileRulesTest.Hostile> corpus = HostileRulesTest.corpus();
        StringBuilder wrong = new StringBuilder();
        ConsoleForms impactForm = ConsoleForms.open(given().auth().preemptive().basic("author", "author-dev"), "/console/impact");
        for (HostileRulesTest.Hostile h : corpus) {
            String at = h.line() + ":" + h.column();

            JsonPath validate = given().auth().preemptive().basic("author", "author-dev").contentType("text/plain; charset=UTF-8")
                    .body(h.text().getBytes(StandardCharsets.UTF_8)).queryParam("year", "2016").queryParam("file", FILE)
                    .post("/api/v1/rulebooks/validate").then().statusCode(200).body("valid", equalTo(false)).extract().jsonPath();
            check(wrong, h, "validate", validate.getList("errors", Map.class));

            JsonPath impact = given().auth().preemptive().basic("author", "author-dev").contentType(ContentType.JSON)
                    .body(Map.of("files", Map.of(FILE, h.text()))).post("/api/v1/impact/2016")
                    .then().statusCode(422).contentType("application/problem+json").extract().jsonPath();
            check(wrong, h, "impact", impact.getList("errors", Map.class));

            String page = impactForm.on(given().auth().preemptive().basic("author", "author-dev")).contentType(ContentType.URLENC)
                    .formParam("year", "2016").formParam("file", FILE).formParam("text", h.text())
                    .post("/console/impact").then().extract().asString();
            if (!page.contains(AS_FILED + ":" + at + ": ") || !page.contains(escape(h.fragment()))) {
                wrong.append("\n").append(h.name()).append(" console: no ").append(AS_FILED).append(':').append(at);
            }

            Path planted = EditableRulesProfile.RULES.resolve("2016/disclosure/zz-planted.drl");
            Files.writeString(planted, h.text(), StandardCharsets.UTF_8);
            try {
                JsonPath reload = given().auth().preemptive().basic("author", "author-dev").post("/api/v1/rulebooks/2016/reload")
                        .then().statusCode(422).body("detail", containsString(serving + " keeps serving")).extract().jsonPath();
                checkAs(wrong, h, "rules folder", reload.getList("compileErrors", Map.class), "2016/disclosure/zz-planted.drl");
            } finally {
                Files.delete(planted);
            }
        }
        assertEquals("", wrong.toString());
        assertFalse(Files.exists(HostileRulesTest.CANARY), "a hostile draft wrote the canary");

        // The service is ready, serves the version it served, and scores as the source says: D-1.1 扣 2.5 → 97.5 → −0.05.
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(serving, version());
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"D-1.1\"}], \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}")
                .post("/api/v1/evaluations?record=false").then().statusCode(200)
                .body("disclosure.score", equalTo(97.5f)).body("disclosure.contribution", equalTo(-0.05f));
    }

    /** A draft that passes the vocabulary but never settles is stopped by the firing limit: impact 422, validate names the scenarios. */
    @Test
    void aDraftThatNeverSettlesIsStoppedAndTheServiceGoesOn() throws IOException {
        // The rule of the runaway file, added to a real file of 2016 with the metadata the gate asks for, so it compiles and the scenarios run.
        String rule = runawayRule("");
        rule = rule.substring(rule.indexOf("rule \""));
        String runaway = Files.readString(EditableRulesProfile.RULES.resolve("2016").resolve(FILE)) + "\n" + rule;
        // the first scenario runs to the firing limit (the rest are reported not run): on a loaded 2-core machine that can pass 30 s
        JsonPath validate = given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 180_000)))
                .auth().preemptive().basic("author", "author-dev").contentType("text/plain; charset=UTF-8")
                .body(runaway.getBytes(StandardCharsets.UTF_8)).queryParam("year", "2016").queryParam("file", FILE)
                .post("/api/v1/rulebooks/validate").then().statusCode(200).body("valid", equalTo(false)).extract().jsonPath();
        List<Map<String, Object>> failed = validate.getList("failedScenarios");
        assertTrue(failed.stream().anyMatch(f -> String.valueOf(f).contains("fired 5000 times")), validate.prettify());

        given().auth().preemptive().basic("author", "author-dev").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of(FILE, runaway))).post("/api/v1/impact/2016")
                .then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Draft rules did not settle"))
                .body("detail", containsString("fired 5000 times"));
        ConsoleForms impactForm = ConsoleForms.open(given().auth().preemptive().basic("author", "author-dev"), "/console/impact");
        impactForm.on(given().auth().preemptive().basic("author", "author-dev")).contentType(ContentType.URLENC)
                .formParam("year", "2016").formParam("file", FILE).formParam("text", runaway)
                .post("/console/impact").then().statusCode(200).body(containsString("修改后的规则没有停止触发"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * A served rulebook that settles for every scenario but not for one request: that request is a
     * 503 problem naming the rulebook, nothing is answered or stored, and the service goes on.
     */
    @Test
    void aServingRulebookThatDoesNotSettleForOneRequestAnswers503AndTheServiceGoesOn() throws IOException {
        // the runaway rule, for one note no scenario has, which its author wrongly believed no request could
        // carry (@unreachable lets rule coverage pass it): the rulebook passes its scenarios and serves
        String rule = runawayRule("\n    @unreachable(\"the author believed no request carries this note\")")
                .replace("$f : Finding()", "$f : Finding(note == \"触发循环\")");
        Path planted = EditableRulesProfile.RULES.resolve("2016/disclosure/zz-runaway.drl");
        Files.writeString(planted, rule, StandardCharsets.UTF_8);
        String before = version();
        try {
            given().auth().preemptive().basic("author", "author-dev").post("/api/v1/rulebooks/2016/reload").then().log().ifValidationFails()
                    .statusCode(200);
            String serving = version();
            assertTrue(!serving.equals(before), "the planted rule serves");
            int stored = stored();
            given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                    .body("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"D-1.1\", \"note\": \"触发循环\"}], "
                            + "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}")
                    .post("/api/v1/evaluations").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "60")
                    .body("title", equalTo("Rulebook did not settle"))
                    .body("detail", allOf(containsString("fired 5000 times"), containsString("Nothing was answered or stored")))
                    .body("value", equalTo(serving));
            assertEquals(stored, stored(), "nothing stored");
            // the service goes on: ready, and the same unit with another note scores as the source says (D-1.1 扣 2.5)
            given().get("/q/health/ready").then().statusCode(200);
            given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                    .body("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"D-1.1\", \"note\": \"无机构\"}], "
                            + "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}")
                    .post("/api/v1/evaluations?record=false").then().statusCode(200).body("disclosure.score", equalTo(97.5f));
        } finally {
            Files.delete(planted);
            given().auth().preemptive().basic("author", "author-dev").post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
        }
    }

    /** The runaway file's rule with the metadata the gate asks for (clause D-1.1) and {@code moreMetadata}. */
    private static String runawayRule(String moreMetadata) throws IOException {
        return Files.readString(Path.of("src/test/resources/hostile-rules-runaway/infinite-firing.drl")).replace("@clause(\"D-V1\")",
                "@clause(\"D-1.1\")\n    @source(\"runaway\")\n    @text(\"runaway\")" + moreMetadata);
    }

    private static int stored() {
        return given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/evaluations?unit=市财政局&year=2016&size=1")
                .then().statusCode(200).extract().jsonPath().getInt("total");
    }

    private void check(StringBuilder wrong, HostileRulesTest.Hostile h, String path, List<Map> errors) {
        checkAs(wrong, h, path, errors, AS_FILED);
    }

    @SuppressWarnings("rawtypes")
    private static void checkAs(StringBuilder wrong, HostileRulesTest.Hostile h, String path, List<Map> errors, String file) {
        boolean found = errors != null && errors.stream().anyMatch(e -> file.equals(e.get("file"))
                && Integer.valueOf(h.line()).equals(e.get("line")) && Integer.valueOf(h.column()).equals(e.get("column"))
                && String.valueOf(e.get("message")).contains(h.fragment()));
        if (!found) {
            wrong.append("\n").append(h.name()).append(' ').append(path).append(": expected ").append(file).append(':')
                    .append(h.line()).append(':').append(h.column()).append(' ').append(h.fragment()).append("\n   but got ").append(errors);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String version() {
        return given().auth().preemptive().basic("author", "author-dev").get("/api/v1/rulebooks/2016").then().statusCode(200)
                .extract().jsonPath().getString("version");
    }
}
