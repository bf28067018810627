package cn.panzhihua.scoring.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console over HTTP, without a browser: who may see which page, that a person who is not logged
 * in is sent to the login form while API callers keep their problem+json 401, and what the pages say.
 * ConsoleBrowserTest drives the same pages in Chromium.
 */
@QuarkusTest
class ConsolePagesTest {

    static final String REQUEST = """
            {"unit": "市发展改革委", "year": 2016,
             "findings": [{"code": "D-1.2", "note": "未参加专题培训", "origin": "SPOT_CHECK"}, {"code": "E-1", "count": 2, "note": "缺招投标管理制度、行政问责制度"}],
             "information": {"monthlySubmissions": [6, 7, 6, 8, 6, 6, 9, 6, 6, 5, 6, 7],
               "adoptions": [{"channel": "CITY_BULLETIN", "date": "2016-03-02", "title": "钒钛产业园区招商引资进展", "leaderInstruction": "MUNICIPAL"},
                             {"channel": "CITY_BULLETIN_SPECIAL", "date": "2016-06-15", "title": "攀西试验区建设专题"},
                             {"channel": "STATE_COUNCIL_DYNAMIC", "date": "2016-05-10", "stateCouncilAdopted": true}]}}""";

    static String record() {
        return given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(REQUEST)
                .post("/api/v1/evaluations").then().statusCode(200).extract().path("evaluationId");
    }

    /** Logs in through the form as a person does and returns the session cookie. */
    static String login(String user, String password) {
        Response response = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
        assertEquals(302, response.statusCode(), "a good login redirects");
        String cookie = response.getCookie("quarkus-credential");
        assertTrue(cookie != null && !cookie.isBlank(), "a good login sets the session cookie");
        return cookie;
    }

    /** A session that timed out (its cookie no longer signs anyone in) is told so on the login page; a plain visit is not. */
    @Test
    void aTimedOutSessionIsToldSo() {
        given().cookie("quarkus-credential", "a-session-that-ended-long-ago").redirects().follow(false).get("/console/evaluations")
                .then().statusCode(303).header("Location", containsString("/console/login?expired=1"));
        given().redirects().follow(false).get("/console/evaluations").then().statusCode(303)
                .header("Location", allOf(containsString("/console/login"), not(containsString("expired"))));
        given().get("/console/login?expired=1").then().statusCode(200).body(containsString("会话已过期"));
        given().get("/console/login").then().statusCode(200).body(not(containsString("会话已过期")));
    }

    @Test
    void theFrontPageIsOpenAndSaysWhatTheServiceIs() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(allOf(containsString("<html lang=\"zh-CN\">"), containsString("攀办函〔2016〕104号"),
                        containsString("/q/swagger-ui"), containsString("/q/openapi"), containsString("/q/health")));
    }

    @Test
    void aPersonNotLoggedInIsSentToTheLoginFormButApiCallersGetProblemJson() {
        given().redirects().follow(false).get("/console/evaluations").then().statusCode(303)
                .header("Location", containsString("/console/login"));
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/api/v1/evaluations").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().preemptive().basic("auditor", "wrong").get("/api/v1/evaluations").then().statusCode(401)
                .contentType("application/problem+json");
        given().get("/console/login").then().statusCode(200).body(containsString("j_password"));
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("j_username", "auditor")
                .formParam("j_password", "wrong").post("/j_security_check").then().statusCode(302)
                .header("Location", containsString("/console/login?error=1"));
    }

    @Test
    void theSessionCookieAlsoOpensTheApiAndRolesStillApply() {
        String auditor = login("auditor", "auditor-dev");
        given().cookie("quarkus-credential", auditor).get("/api/v1/evaluations").then().statusCode(200);
        String evaluator = login("evaluator", "evaluator-dev");
        given().cookie("quarkus-credential", evaluator).get("/console/evaluations").then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("auditor"));
        given().cookie("quarkus-credential", evaluator).get("/console/rulebooks").then().statusCode(200);
    }

    @Test
    void aRecordReadsAsTheTablesWithTheTrailUnderEachLine() {
        String id = record();
        String cookie = login("auditor", "auditor-dev");
        String page = given().cookie("quarkus-credential", cookie).get("/console/evaluations/" + id).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("政务（信息）公开工作考评表") && page.contains("效能建设工作考评表") && page.contains("攀枝花市市级政务信息工作考评表"), page);
        // D-1.2's entry sits in the tbody of line D-1, before the next line starts
        int d1 = page.indexOf("id=\"line-D-1\"");
        int d2 = page.indexOf("id=\"line-D-2\"");
        int entry = page.indexOf("扣 2.5 分", d1);
        assertTrue(d1 > 0 && entry > d1 && entry < d2, "扣 2.5 分 under D-1");
        assertTrue(page.substring(d1, d2).contains("D-1.2") && page.substring(d1, d2).contains("未参加专题培训"));
        assertTrue(page.contains("2016/disclosure/organisation.drl:"), "the DRL location links to the rule");
        assertTrue(page.contains("钒钛产业园区招商引资进展"), "adopted titles under their channel");
        assertTrue(page.contains("校验通过"), "the record's links in the chain verify");
        // 东区 etc. are not shown; the total of the README example: 0.53
        assertTrue(page.contains("+0.53"), "the total contribution");

        ConsoleForms recordPage = ConsoleForms.open(given().cookie("quarkus-credential", cookie), "/console/evaluations/" + id);
        recordPage.on(given().cookie("quarkus-credential", cookie)).post("/console/evaluations/" + id + "/replay").then().statusCode(200)
                .body(allOf(containsString("逐条款比较"), containsString("结果相同")));
        given().cookie("quarkus-credential", cookie).get("/console/evaluations/not-an-id").then().statusCode(404)
                .contentType(containsString("text/html"));
    }

    @Test
    void theRecordPrintsAsPdfWithItsChineseText() throws Exception {
        String id = record();
        String cookie = login("auditor", "auditor-dev");
        byte[] pdf = given().cookie("quarkus-credential", cookie).get("/console/evaluations/" + id + "/pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("市发展改革委") && text.contains("政务（信息）公开工作考评表") && text.contains("攀枝花市人民政府办公室"), text);
        }
    }

    @Test
    void theOtherPagesAnswer() {
        record();
        String auditor = login("auditor", "auditor-dev");
        given().cookie("quarkus-credential", auditor).get("/console/reports?year=2016").then().statusCode(200)
                .body(allOf(containsString("市发展改革委"), containsString("format=xlsx"), containsString("format=pdf")));
        ConsoleForms chainPage = ConsoleForms.open(given().cookie("quarkus-credential", auditor), "/console/chain");
        chainPage.on(given().cookie("quarkus-credential", auditor)).redirects().follow(false).post("/console/chain/verify").then().statusCode(303);
        // the same button without the page's token: refused with a page that says so, nothing walked
        given().cookie("quarkus-credential", auditor).contentType(ContentType.URLENC).redirects().follow(false).post("/console/chain/verify")
                .then().statusCode(403).contentType(containsString("text/html")).body(containsString("表单已失效"));
        given().cookie("quarkus-credential", auditor).get("/console/chain").then().statusCode(200).body(containsString("记录链完整"));
        String author = login("author", "author-dev");
        given().cookie("quarkus-credential", author).get("/console/rulebooks").then().statusCode(200).body(containsString("在用"));
        given().cookie("quarkus-credential", author).get("/console/rulebooks/2016").then().statusCode(200)
                .body(allOf(containsString("D-1.2 无办公条件"), containsString("个场景")));
        given().cookie("quarkus-credential", author).queryParam("name", "D-1.2 无办公条件、经费保障或未参加专题培训").get("/console/rulebooks/2016/rules")
                .then().statusCode(200).body(allOf(containsString("@clause(&quot;D-1.2&quot;)"), containsString("检验这条规则的场景")));
        given().cookie("quarkus-credential", auditor).get("/api/v1/reports/2016?format=pdf").then().statusCode(200)
                .contentType("application/pdf");
    }
}
