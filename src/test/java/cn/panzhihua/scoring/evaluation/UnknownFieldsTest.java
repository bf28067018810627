package cn.panzhihua.scoring.evaluation;

import javax.sql.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18 §4. A field the contract (SPEC section 6) does not define is refused with 400 naming it and
 * the closest known name, and nothing is stored: a misspelt "finding" must not score a clean year.
 * Note and title limits count characters (code points), not UTF-16 units.
 */
@QuarkusTest
class UnknownFieldsTest {

    @Inject
    DataSource dataSource;

    static final String INFORMATION = "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}";

    static io.restassured.response.Response post(String body) {
        return given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations");
    }

    @Test
    void aMisspeltFindingsIsRefusedWithTheClosestNameAndNothingIsStored() {
        long before = RawHttp.records(dataSource);
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"finding\": [{\"code\": \"E-1\", \"count\": 2}], " + INFORMATION + "}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("finding"))
                .body("detail", containsString("finding is not a field of the request (did you mean findings?)"))
                .body("errors[0].suggestions[0]", equalTo("findings"));
        assertEquals(before, RawHttp.records(dataSource));
    }

    @Test
    void everyUnknownFieldIsNamedAtOnceNestedOnesWithTheirPath() {
        post("{\"unit\": \"市财政局\", \"yaer\": 2016, \"findings\": [{\"code\": \"E-1\", \"cout\": 2}], "
                + "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8], "
                + "\"adoptions\": [{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-03-02\", \"titel\": \"标题\"}]}, "
                + "\"junk\": [[[[[[[[[[1]]]]]]]]]]}")
                .then().statusCode(400)
                .body("errors", hasSize(4))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("yaer", "findings[0].cout", "information.adoptions[0].titel", "junk"))
                .body("errors.find { it.field == 'yaer' }.suggestions[0]", equalTo("year"))
                .body("errors.find { it.field == 'findings[0].cout' }.suggestions[0]", equalTo("count"))
                .body("errors.find { it.field == 'information.adoptions[0].titel' }.suggestions[0]", equalTo("title"))
                .body("errors.find { it.field == 'findings[0].cout' }.message", containsString("not a field of the object at findings[0]"));
    }

    @Test
    void batchItemsAndTheBatchItselfAreCheckedToo() {
        String good = "{\"unit\": \"市财政局\", \"year\": 2016, " + INFORMATION + "}";
        String bad = "{\"unit\": \"市民政局\", \"year\": 2016, \"finding\": [{\"code\": \"E-1\"}], " + INFORMATION + "}";
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"items\": [" + good + ", " + bad + "]}").post("/api/v1/evaluations/batch?record=false")
                .then().statusCode(200)
                .body("items[0].status", equalTo(200))
                .body("items[1].status", equalTo(400))
                .body("items[1].problem.field", containsString("finding"));
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"items\": [" + good + "], \"itemz\": []}").post("/api/v1/evaluations/batch?record=false")
                .then().statusCode(400).body("field", equalTo("itemz")).body("detail", containsString("did you mean items?"));
    }

    @Test
    void noteLimitsCountCharactersNotUtf16Units() {
        String emoji = "😀".repeat(2000); // 2,000 characters, 4,000 UTF-16 units
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"note\": \"" + emoji + "\"}], " + INFORMATION + "}")
                .then().statusCode(200);
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-1\", \"note\": \"" + emoji + "😀\"}], " + INFORMATION + "}")
                .then().statusCode(413).body("detail", containsString("has 2001 characters"));
        String title = "𠀀".repeat(500); // CJK Extension B: one character, two UTF-16 units
        post("{\"unit\": \"市财政局\", \"year\": 2016, \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8], "
                + "\"adoptions\": [{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-03-02\", \"title\": \"" + title + "\"}]}}")
                .then().statusCode(200);
    }
}
