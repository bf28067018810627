package cn.panzhihua.scoring.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Every rejection of SPEC section 6 "Errors": problem+json, the right status, the field and value named. */
@QuarkusTest
class ProblemApiTest {

    static final String MONTHS = "[8,8,8,8,8,8,8,8,8,8,8,8]";

    static String request(String findings, String adoptions) {
        return """
                {"unit": "市财政局", "year": 2016, "findings": %s,
                 "information": {"monthlySubmissions": %s, "adoptions": %s}}""".formatted(findings, MONTHS, adoptions);
    }

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluations")
                .then().contentType("application/problem+json");
    }

    static void rejected(String body, int status, String field, String... detailParts) {
        ValidatableResponse response = post(body).statusCode(status)
                .body("status", equalTo(status))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body("field", equalTo(field));
        for (String part : detailParts) {
            response.body("detail", containsString(part));
        }
    }

    @Test
    void malformedJson() {
        post("{\"unit\": \"市财政局\", \"year\": 2016,").statusCode(400).body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void unknownUnit() {
        rejected("""
                {"unit": "市不存在局", "year": 2016, "information": {"monthlySubmissions": %s}}""".formatted(MONTHS),
                400, "unit", "市不存在局", "/api/v1/units?year=2016");
        post("""
                {"unit": "市不存在局", "year": 2016}""").body("value", equalTo("市不存在局"));
    }

    @Test
    void unknownFindingCodeListsTheValidOnes() {
        rejected(request("[{\"code\": \"D-9.9\"}]", "[]"), 400, "findings[0].code", "D-9.9", "D-1.1", "I-2.1-URGENT", "/clauses");
    }

    @Test
    void derivedClausesAreNotFindingCodes() {
        rejected(request("[{\"code\": \"I-3\"}]", "[]"), 400, "findings[0].code", "unknown finding code 'I-3'");
        rejected(request("[{\"code\": \"D-CONV\"}]", "[]"), 400, "findings[0].code", "D-CONV");
    }

    @Test
    void findingForAnAssessmentThatDoesNotApply() {
        rejected("""
                {"unit": "东区政府", "year": 2016, "findings": [{"code": "E-1"}, {"code": "D-4.1"}],
                 "information": {"monthlySubmissions": %s}}""".formatted(MONTHS),
                400, "findings[1].code", "D-4.1", "disclosure", "东区政府");
        rejected("""
                {"unit": "市总工会", "year": 2016, "findings": [{"code": "E-5"}], "information": {"monthlySubmissions": %s}}""".formatted(MONTHS),
                400, "findings[0].code", "efficiency", "市总工会");
    }

    @Test
    void monthlySubmissionsMustBeTwelveNonNegativeIntegers() {
        rejected("""
                {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8]}}""",
                400, "information.monthlySubmissions", "12", "got 11");
        rejected("""
                {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,-1,8,8,8,8,8,8,8,8]}}""",
                400, "information.monthlySubmissions[3]", "-1");
        rejected("""
                {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,null]}}""",
                400, "information.monthlySubmissions[11]", "null");
        rejected("""
                {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [8,8,6.5,8,8,8,8,8,8,8,8,8]}}""",
                400, "information.monthlySubmissions[2]", "whole number");
        rejected("""
                {"unit": "市财政局", "year": 2016, "information": {}}""", 400, "information.monthlySubmissions", "got none");
    }

    @Test
    void informationIsRequired() {
        rejected("""
                {"unit": "市财政局", "year": 2016}""", 400, "information", "required");
    }

    @Test
    void countMustBeANonNegativeInteger() {
        rejected(request("[{\"code\": \"E-1\", \"count\": -1}]", "[]"), 400, "findings[0].count", "-1");
        rejected(request("[{\"code\": \"E-1\", \"count\": 1.5}]", "[]"), 400, "findings[0].count", "whole number");
        rejected(request("[{\"code\": \"E-1\", \"count\": \"2\"}]", "[]"), 400, "findings[0].count", "whole number");
    }

    @Test
    void unknownOriginAndLeaderInstruction() {
        rejected(request("[{\"code\": \"E-1\", \"origin\": \"RUMOUR\"}]", "[]"), 400, "findings[0].origin",
                "RUMOUR", "SELF_CHECK", "CIRCULAR");
        rejected(request("[]", "[{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-01-05\", \"leaderInstruction\": \"COUNTY\"}]"),
                400, "information.adoptions[0].leaderInstruction", "COUNTY", "PROVINCIAL_OR_ABOVE");
    }

    @Test
    void unknownChannelListsTheValidOnes() {
        rejected(request("[]", "[{\"channel\": \"PEOPLES_DAILY\", \"date\": \"2016-01-05\"}]"),
                400, "information.adoptions[0].channel", "PEOPLES_DAILY", "CITY_BULLETIN", "PROVINCE_WORK_EXCHANGE");
    }

    @Test
    void stateCouncilAdoptedOnlyOnStateCouncilChannels() {
        rejected(request("[]", "[{\"channel\": \"PROVINCE_KEY_REPORT\", \"date\": \"2016-01-05\", \"stateCouncilAdopted\": true}]"),
                400, "information.adoptions[0].stateCouncilAdopted", "PROVINCE_KEY_REPORT");
    }

    @Test
    void adoptionDates() {
        rejected(request("[]", "[{\"channel\": \"CITY_BULLETIN\"}]"), 400, "information.adoptions[0].date", "required");
        rejected(request("[]", "[{\"channel\": \"CITY_BULLETIN\", \"date\": \"2015-12-31\"}]"),
                400, "information.adoptions[0].date", "2015-12-31", "outside the evaluated year 2016");
        rejected(request("[]", "[{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-02-30\"}]"),
                400, "information.adoptions[0].date", "2016-02-30");
    }

    @Test
    void aDailyBriefIssueCountsOnce() {
        rejected(request("[]", """
                [{"channel": "CITY_DAILY_BRIEF", "date": "2016-01-05", "issue": 12},
                 {"channel": "CITY_BULLETIN", "date": "2016-01-06"},
                 {"channel": "CITY_DAILY_BRIEF", "date": "2016-01-07", "issue": "12"}]"""),
                400, "information.adoptions[2].issue", "12", "adoptions[0]");
    }

    @Test
    void yearWithoutRulebookIs404() {
        post("""
                {"unit": "市财政局", "year": 2015, "information": {"monthlySubmissions": %s}}""".formatted(MONTHS))
                .statusCode(404).body("field", equalTo("year")).body("value", equalTo(2015))
                .body("detail", allOf(containsString("2015"), containsString("2016")));
    }

    @Test
    void missingUnitOrYear() {
        rejected("{\"year\": 2016}", 400, "unit", "required");
        rejected("{\"unit\": \"市财政局\"}", 400, "year", "required");
        rejected("{\"unit\": 7, \"year\": 2016}", 400, "unit", "string");
    }

    @Test
    void wrongMediaTypeAndUnknownPathsAreProblemsToo() {
        given().contentType(ContentType.TEXT).body("hello").when().post("/api/v1/evaluations")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        given().when().get("/api/v1/rulebooks/2015/clauses")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("2015"));
        given().when().get("/api/v1/units?year=abc")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("year"));
    }
}
