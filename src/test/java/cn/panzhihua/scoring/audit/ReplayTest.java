package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.rulebook.EditableRulesAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * "Would this unit's score change under the new rules?" A record made under one rulebook version is
 * replayed after the rulebook changed: the answer shows the new result and the clause-level diff,
 * and the stored record still explains itself as it was.
 */
@QuarkusTest
@TestProfile(cn.panzhihua.scoring.rulebook.EditableRulesProfile.class)
@TestSecurity(user = "auditor", roles = {"auditor", "evaluator", "rule-author"})
class ReplayTest {

    static final String REQUEST = """
            {"unit": "市烟草专卖局", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8], "adoptions": [
              {"channel": "CITY_BULLETIN", "date": "2016-01-10"}, {"channel": "CITY_BULLETIN", "date": "2016-02-10"},
              {"channel": "CITY_BULLETIN", "date": "2016-03-10"}, {"channel": "CITY_BULLETIN", "date": "2016-04-10"},
              {"channel": "CITY_BULLETIN", "date": "2016-05-10"}, {"channel": "CITY_BULLETIN", "date": "2016-06-10"}]}}""";

    @Test
    void replayShowsWhatTheNewRulesWouldChange() throws Exception {
        // Under 2016: target 24, 6 × 4 = 24 = 100% → I-3 80, information 100 → 3.
        String id = given().contentType(ContentType.JSON).body(REQUEST).post("/api/v1/evaluations").then().statusCode(200)
                .body("information.score", equalTo(100)).extract().path("evaluationId");
        String before = given().get("/api/v1/rulebooks/2016").then().extract().path("version");
        given().post("/api/v1/evaluations/" + id + "/replay").then().statusCode(200).body("changed", equalTo(false));
        try {
            // The target becomes 30: 24 / 30 = 80% → 70% of 80 = 56; information 76 → 2.28.
            EditableRulesAccess.edit("units.tsv", s -> s.replace("市烟草专卖局\tMUNICIPAL_DEPARTMENT\t24\t0", "市烟草专卖局\tMUNICIPAL_DEPARTMENT\t30\t0"));
            given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
            given().post("/api/v1/evaluations/" + id + "/replay").then().statusCode(200)
                    .body("recordId", equalTo(id))
                    .body("storedVersion", equalTo(before))
                    .body("currentVersion", not(equalTo(before)))
                    .body("changed", equalTo(true))
                    .body("replayed.information.score", equalTo(76))
                    .body("changes.find { it.path == 'information.score' }.stored", equalTo(100))
                    .body("changes.find { it.path == 'information.score' }.replayed", equalTo(76))
                    .body("changes.find { it.path == 'information.items[I-3]' }.replayed", equalTo(56))
                    .body("changes.find { it.path == 'information.adoption.municipal.target' }.replayed", equalTo(30))
                    .body("changes.find { it.path == 'totalContribution' }.replayed", equalTo(2.28f))
                    .body("clauses.find { it.clause == 'I-3' && it.kind == 'TIER MUNICIPAL' }.delta", equalTo(-24))
                    .body("clauses.find { it.clause == 'I-CONV' }.delta", equalTo(-0.72f))
                    .body("clauses.clause", not(hasItem("D-CONV")));
            given().get("/api/v1/evaluations/" + id).then().statusCode(200)
                    .body("rulebookVersion", equalTo(before)).body("response.information.score", equalTo(100))
                    .body("response.trail.find { it.clause == 'I-3' && it.kind == 'TIER' }.text", equalTo("完成采用目标任务得全分"));
        } finally {
            EditableRulesAccess.restore();
            given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
        }
    }
}
