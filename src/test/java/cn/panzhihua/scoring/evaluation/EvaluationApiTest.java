package cn.panzhihua.scoring.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HTTP contract of POST /api/v1/evaluations (SPEC section 6), with numbers worked out from the document. */
@QuarkusTest
class EvaluationApiTest {

    /**
     * The SPEC's own example request for 市发展改革委 (targets 120 / 9):
     * disclosure: D-1.2 −2.5 → 97.5 → −(2.5/100)×2 = −0.05;
     * efficiency: E-1 ×2 = −10 → 90 → −0.2;
     * information: I-2.3 −5; municipal 4 + 10 (municipal instruction) = 14 / 120 < 30% → 0 of 64;
     * provincial 3 + 3 (State Council adopted) = 6 / 9 = 66.7% → 50% of 16 = 8; score 5+5+5+0+8 = 23;
     * I-2.3 serious → veto: contribution 0 (score table). Total −0.05 − 0.2 + 0 = −0.25.
     */
    static final String SPEC_EXAMPLE = """
            {
              "unit": "市发展改革委",
              "year": 2016,
              "findings": [
                {"code": "D-1.2", "note": "未参加专题培训"},
                {"code": "E-1", "count": 2, "note": "缺招投标管理制度、行政问责制度"},
                {"code": "I-2.3", "serious": true}
              ],
              "information": {
                "monthlySubmissions": [6, 7, 6, 8, 6, 6, 9, 6, 6, 6, 6, 7],
                "adoptions": [
                  {"channel": "CITY_BULLETIN", "date": "2016-03-02", "title": "钒钛产业园区招商引资进展", "leaderInstruction": "MUNICIPAL"},
                  {"channel": "STATE_COUNCIL_DYNAMIC", "date": "2016-05-10", "stateCouncilAdopted": true}
                ]
              }
            }""";

    @Test
    void specExampleScoresAsTheDocumentSays() {
        JsonPath body = given().contentType(ContentType.JSON).body(SPEC_EXAMPLE)
                .when().post("/api/v1/evaluations")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("evaluationId", matchesPattern("[0-9a-f-]{36}"))
                .body("unit", equalTo("市发展改革委"))
                .body("category", equalTo("MUNICIPAL_DEPARTMENT"))
                .body("year", equalTo(2016))
                .body("rulebookVersion", matchesPattern("2016-[0-9a-f]{12}"))
                .body("disclosure.applicable", equalTo(true))
                .body("disclosure.score", equalTo(97.5f))
                .body("disclosure.vetoed", equalTo(false))
                .body("disclosure.contribution", equalTo(-0.05f))
                .body("disclosure.items.find { it.code == 'D-1' }.score", equalTo(7.5f))
                .body("disclosure.items.find { it.code == 'D-1' }.max", equalTo(10))
                .body("efficiency.score", equalTo(90))
                .body("efficiency.contribution", equalTo(-0.2f))
                .body("efficiency.items.find { it.code == 'E-1' }.score", equalTo(10))
                .body("information.score", equalTo(23))
                .body("information.vetoed", equalTo(true))
                .body("information.contribution", equalTo(0))
                .body("information.items.find { it.code == 'I-3' }.score", equalTo(8))
                .body("information.adoption.municipal.target", equalTo(120))
                .body("information.adoption.municipal.earned", equalTo(14))
                .body("information.adoption.municipal.completion", equalTo(0.1167f))
                .body("information.adoption.municipal.portion", equalTo(64))
                .body("information.adoption.municipal.score", equalTo(0))
                .body("information.adoption.provincial.earned", equalTo(6))
                .body("information.adoption.provincial.completion", equalTo(0.6667f))
                .body("information.adoption.provincial.score", equalTo(8))
                .body("totalContribution", equalTo(-0.25f))
                .extract().jsonPath();

        assertEquals(body.getList("trail.seq"), java.util.stream.IntStream.rangeClosed(1, body.getList("trail").size()).boxed().toList());
    }

    @Test
    void trailNamesRuleClauseSourceTextPointsAndEvidence() {
        given().contentType(ContentType.JSON).body(SPEC_EXAMPLE)
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("trail.find { it.clause == 'D-1.2' }.rule", equalTo("D-1.2 无办公条件、经费保障或未参加专题培训"))
                .body("trail.find { it.clause == 'D-1.2' }.source", equalTo("2016年政务（信息）公开工作考核细则 附件 考评表 序号1 组织保障 第2条"))
                .body("trail.find { it.clause == 'D-1.2' }.text",
                        equalTo("没有必要的办公条件、设备设施和专项工作经费保障，没有参加政务（信息）公开专题培训（扣 2.5 分）"))
                .body("trail.find { it.clause == 'D-1.2' }.points", equalTo(-2.5f))
                .body("trail.find { it.clause == 'D-1.2' }.evidence", contains("未参加专题培训"))
                .body("trail.find { it.clause == 'E-1' }.points", equalTo(-10))
                .body("trail.find { it.clause == 'I-V' }.points", nullValue())
                .body("trail.find { it.clause == 'I-V' }.text",
                        matchesPattern("^凡误报、瞒报、迟报信息或编造虚假信息造成重大影响或严重后果的,政务信息考核分值实施一票否决.*"))
                .body("trail.findAll { it.clause == 'I-3' && it.kind == 'TALLY' }.points", containsInAnyOrder(4, 10, 3, 3))
                .body("trail.find { it.clause == 'I-3' && it.kind == 'TALLY' }.evidence", hasItem("2016-03-02"))
                .body("trail.find { it.clause == 'I-CONV' }.points", equalTo(0))
                .body("trail.find { it.clause == 'D-CONV' }.points", equalTo(-0.05f))
                .body("trail.find { it.clause == 'D-1.2' }.location", matchesPattern("2016/disclosure/organisation\\.drl:\\d+"));
    }

    @Test
    void assessmentsThatDoNotApplyAreOnlyMarkedSo() {
        String body = """
                {"unit": "市总工会", "year": 2016, "information": {"monthlySubmissions": [6,6,6,6,6,6,6,6,6,6,6,6],
                 "adoptions": [{"channel": "CITY_BULLETIN", "date": "2016-02-01"}, {"channel": "CITY_BULLETIN", "date": "2016-06-01"},
                               {"channel": "CITY_BULLETIN", "date": "2016-09-01"}, {"channel": "CITY_DAILY_BRIEF", "date": "2016-10-01", "issue": 88},
                               {"channel": "CITY_DAILY_BRIEF", "date": "2016-11-01", "issue": 95}]}}""";
        // 市总工会: mass organisation, municipal target 20, no provincial task; 4+4+4+2+2 = 16 / 20 = 80% → 70% of 80 = 56;
        // score 5+5+5+5+56 = 76 → 76/100×3 = 2.28.
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluations")
                .then().statusCode(200)
                .body("disclosure.applicable", equalTo(false))
                .body("disclosure.score", nullValue())
                .body("efficiency.applicable", equalTo(false))
                .body("information.score", equalTo(76))
                .body("information.adoption.municipal.portion", equalTo(80))
                .body("information.adoption.municipal.tier", equalTo(70))
                .body("information.adoption.provincial", nullValue())
                .body("information.contribution", equalTo(2.28f))
                .body("totalContribution", equalTo(2.28f));
    }

    @Test
    void everyResponseNamesTheRulebookVersionServed() {
        String version = given().when().get("/api/v1/rulebooks/2016").then().statusCode(200)
                .body("sha256", matchesPattern("[0-9a-f]{64}")).extract().path("version");
        given().contentType(ContentType.JSON).body(SPEC_EXAMPLE)
                .when().post("/api/v1/evaluations")
                .then().statusCode(200).body("rulebookVersion", equalTo(version)).body("evaluatedAt", notNullValue());
    }
}
