package cn.panzhihua.scoring.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 13: a request with several mistakes gets all of them in one problem (errors: field, value,
 * message; the first one also as detail, field and value, as before), and an unknown unit gets the
 * closest known names.
 */
@QuarkusTest
class ValidationErrorsTest {

    static final String SEVERAL = """
            {"unit": "市发改委", "year": 2016,
             "findings": [{"code": "D-9.9"}, {"code": "E-1", "count": -1}, {"code": "E-2", "count": 2}],
             "information": {"monthlySubmissions": [8,8,8,-3,8,8,8,8,8,8,8,8],
               "adoptions": [{"channel": "CITY_BULLETIN", "date": "2015-12-31"},
                             {"channel": "CITY_BULETIN", "date": "2016-02-30", "stateCouncilAdopted": true}]},
             "selfScores": {"D-1": 11, "X-9": 1},
             "asOf": "2016-13-01"}""";

    @Test
    void oneMistakeIsListedToo() {
        given().contentType(ContentType.JSON).body("""
                {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,-1]}}""")
                .post("/api/v1/evaluations").then().statusCode(400)
                .body("field", equalTo("information.monthlySubmissions[11]")).body("errors", hasSize(1))
                .body("errors[0].field", equalTo("information.monthlySubmissions[11]")).body("errors[0].value", equalTo(-1))
                .body("errors[0].message", equalTo(given().contentType(ContentType.JSON).body("""
                        {"unit": "市财政局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,-1]}}""")
                        .post("/api/v1/evaluations").then().extract().path("detail")));
    }

    @Test
    void aValueOfTheWrongTypeIsListedToo() {
        given().contentType(ContentType.JSON).body("""
                {"unit": "市财政局", "year": 2016, "findings": [{"code": "E-1", "count": "2"}],
                 "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""")
                .post("/api/v1/evaluations").then().statusCode(400)
                .body("field", equalTo("findings[0].count")).body("errors[0].field", equalTo("findings[0].count"));
    }

    @Test
    void aBatchItemListsItsMistakesUnderItsIndex() {
        given().contentType(ContentType.JSON).body("{\"items\": [" + SEVERAL + "]}").post("/api/v1/evaluations/batch").then()
                .statusCode(200).body("items[0].status", equalTo(400))
                .body("items[0].problem.field", equalTo("items[0].unit"))
                .body("items[0].problem.errors", hasSize(10))
                .body("items[0].problem.errors[9].field", equalTo("items[0].asOf"))
                .body("items[0].problem.errors[0].suggestions", contains("市发展改革委"));
    }

    @Test
    void unknownUnitsGetTheClosestNames() {
        given().contentType(ContentType.JSON).body("""
                {"unit": "攀枝花市人力资源和社会保障局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""")
                .post("/api/v1/evaluations").then().statusCode(400)
                .body("errors[0].suggestions[0]", equalTo("市人力资源和社会保障局"))
                .body("detail", containsString("did you mean 市人力资源和社会保障局"));
        given().contentType(ContentType.JSON).body("""
                {"unit": "Bureau of Finance", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""")
                .post("/api/v1/evaluations").then().statusCode(400)
                .body("detail", equalTo("unknown unit 'Bureau of Finance' in rulebook 2016; GET /api/v1/units?year=2016 lists the 72 units"));
    }

    @Test
    void everyMistakeInOneProblem() {
        given().contentType(ContentType.JSON).body(SEVERAL).post("/api/v1/evaluations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("unit")).body("value", equalTo("市发改委"))
                .body("detail", startsWith("unknown unit '市发改委' in rulebook 2016 (did you mean 市发展改革委?)"))
                .body("detail", containsString("10 mistakes in all"))
                .body("errors", hasSize(10))
                // the unknown channel leaves stateCouncilAdopted unchecked, the unknown unit which assessments apply
                .body("errors.field", contains("unit", "findings[0].code", "findings[1].count", "information.monthlySubmissions[3]",
                        "information.adoptions[0].date", "information.adoptions[1].channel", "information.adoptions[1].date",
                        "selfScores.D-1", "selfScores.X-9", "asOf"))
                .body("errors[0].suggestions", contains("市发展改革委"))
                .body("errors[1].value", equalTo("D-9.9"))
                .body("errors[1].message", containsString("valid codes: D-1.1"))
                .body("errors[2].value", equalTo(-1))
                .body("errors[3].value", equalTo(-3))
                .body("errors[6].message", containsString("not an ISO date"))
                .body("errors[7].message", containsString("between 0 and its 分值 10"))
                .body("errors[9].message", containsString("not an ISO date"));
    }
}
