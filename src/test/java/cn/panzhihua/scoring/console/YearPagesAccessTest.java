package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.campaign.CampaignClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assessment year's console pages (issue 20) × every role: a unit (市财政局's user caizheng),
 * another unit (东区政府's dongqu), the office (evaluator), an auditor, the 督查办 (supervisor) and a
 * person not logged in. Each page answers 200, 403 (the console's Chinese page), 404 (another unit
 * reads exactly as a unit that does not exist), 409 (the step's state, in Chinese) or the sign-in
 * form, never problem+json; the forms write only for the role that may, and only from this service's
 * own pages (CrossSiteGuard). Numbers after publication (SPEC sections 2–4): a clean year gives a
 * municipal department 20/100 × 3 = 0.6 and a county −(100 − 20)/100 × 1 = −0.8.
 */
@QuarkusTest
@TestProfile(YearConsoleProfile.Access.class)
class YearPagesAccessTest {

    static final String CAIZHENG = "市财政局";
    static final String DONGQU = "东区政府";
    static final String BASE = "/console/campaigns/2016";
    static final String UNIT_PAGE = BASE + "/units/" + CAIZHENG;
    static final List<String> CALLERS = List.of("caizheng", "dongqu", "evaluator", "auditor", "supervisor", "anonymous");

    @Inject
    CampaignClock clock;

    final Map<String, String> cookies = new LinkedHashMap<>();

    @Test
    void everyPageForEveryRole() {
        for (String caller : CALLERS) {
            if (!caller.equals("anonymous")) {
                cookies.put(caller, ConsolePagesTest.login(caller, caller + "-dev"));
            }
        }
        // before the year is opened: the office is asked to open it, a unit has no page yet
        on("2017-01-10");
        expect(BASE, Map.of("evaluator", 200, "auditor", 200, "caizheng", 403, "dongqu", 403, "supervisor", 403));
        assertTrue(get("evaluator", BASE).asString().contains("开启 2016 年度考核"));
        forms.put("evaluator", ConsoleForms.open(session("evaluator"), BASE));
        assertTrue(!get("auditor", BASE).asString().contains("开启 2016 年度考核"), "an auditor reads only");

        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"selfAssessmentDue\": \"2017-01-15\", \"publicationFrom\": \"2017-02-01\", \"publicationTo\": \"2017-02-07\"}")
                .post(YearConsoleProfile.Y).then().statusCode(200);

        expect("/console/campaigns", Map.of("evaluator", 200, "auditor", 200, "caizheng", 200, "dongqu", 200, "supervisor", 200));
        assertTrue(get("caizheng", "/console/campaigns").asString().contains(BASE + "/units/%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%80"),
                "a unit's way in is its own page");
        assertTrue(!get("caizheng", "/console/campaigns").asString().contains("考核工作台"), "a unit is not shown the office's dashboard");
        assertTrue(!get("supervisor", "/console/campaigns").asString().contains("/units/"));

        expect(BASE, Map.of("evaluator", 200, "auditor", 200, "caizheng", 403, "dongqu", 403, "supervisor", 403));
        expect(UNIT_PAGE, Map.of("caizheng", 200, "dongqu", 404, "evaluator", 200, "auditor", 200, "supervisor", 403));
        expect(BASE + "/handover", Map.of("supervisor", 409, "evaluator", 409, "auditor", 409, "caizheng", 403, "dongqu", 403));
        assertTrue(get("supervisor", BASE + "/handover").asString().contains("在此之前没有可查看的移交结果"));
        publicPage(404, "尚未发布公示");

        // another unit, and no unit: the same page, word for word but the name
        String other = get("dongqu", UNIT_PAGE).asString();
        String none = get("dongqu", BASE + "/units/不存在的单位").asString();
        assertEquals(404, get("dongqu", BASE + "/units/不存在的单位").statusCode());
        assertEquals(main(other), main(none), "another unit's page and a unit that does not exist read the same");
        assertTrue(other.contains("没有此单位"), other);

        // a unit's own page: its 14 items (disclosure 4 + efficiency 5 + information 5), a form each until the due date
        String own = get("caizheng", UNIT_PAGE).asString();
        assertEquals(14, count(own, "<section class=\"item\""), "市财政局's items");
        assertEquals(28, count(own, "action=\"" + BASE + "/units/%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%80/items/"), "a self-assessment form and an upload form each");
        assertTrue(!get("evaluator", UNIT_PAGE).asString().contains("<form method=\"post\" action=\"" + BASE + "/units/"),
                "the office reads a unit's page; it does not write the unit's self-assessment");

        // the self-assessment form writes for its own unit only
        String d1 = UNIT_PAGE + "/items/D-1";
        Map<String, Integer> writes = new LinkedHashMap<>();
        for (String caller : CALLERS) {
            writes.put(caller, post(caller, d1, Map.of("selfScore", "9.5", "explanation", "未参加专题培训一次")).statusCode());
        }
        assertEquals(Map.of("caizheng", 303, "dongqu", 404, "evaluator", 403, "auditor", 403, "supervisor", 403, "anonymous", 303), writes);
        assertTrue(post("anonymous", d1, Map.of("selfScore", "1", "explanation", "x")).header("Location").contains("/console/login"));
        // from another site: refused before anything is written, whatever the session
        Response forged = session("caizheng").header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("selfScore", "0", "explanation", "伪造")).redirects().follow(false).post(d1);
        assertEquals(403, forged.statusCode());
        // the unit's own session without its pages' form token (a form another site built), or with another
        // person's token: a page saying the form is not valid, nothing stored
        Response tokenless = session("caizheng").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("selfScore", "0", "explanation", "伪造")).post(d1);
        assertEquals(403, tokenless.statusCode());
        assertTrue(tokenless.asString().contains("表单已失效"), tokenless.asString());
        Response borrowed = forms.get("dongqu").on(session("caizheng").contentType("application/x-www-form-urlencoded; charset=UTF-8"))
                .formParams(Map.of("selfScore", "0", "explanation", "伪造")).post(d1);
        assertEquals(403, borrowed.statusCode());
        String afterwards = get("caizheng", UNIT_PAGE).asString();
        assertTrue(afterwards.contains("未参加专题培训一次") && !afterwards.contains("伪造"), "the one stored version is the unit's own");
        assertTrue(afterwards.contains("第 1 版，caizheng"), "one version, by caizheng");
        // a score past the item's 分值: the page again, 400, saying so in Chinese
        Response tooHigh = post("caizheng", d1, Map.of("selfScore", "10.5", "explanation", "x"));
        assertEquals(400, tooHigh.statusCode());
        assertTrue(tooHigh.asString().contains("自评分有误：应为 0 到该项分值之间的数字"), tooHigh.asString());

        // the office's steps: only the evaluator; a step the year is not ready for is 409, in Chinese, on the dashboard
        Map<String, Integer> publish = new LinkedHashMap<>();
        for (String caller : CALLERS) {
            publish.put(caller, post(caller, BASE + "/publish", Map.of()).statusCode());
        }
        assertEquals(Map.of("caizheng", 403, "dongqu", 403, "evaluator", 409, "auditor", 403, "supervisor", 403, "anonymous", 303), publish);
        Response early = post("evaluator", BASE + "/evaluate", Map.of());
        assertEquals(409, early.statusCode());
        assertTrue(early.contentType().startsWith("text/html"), early.contentType());
        assertTrue(early.asString().contains("单位自评尚未截止，截止日之后才能实施考核评分"), early.asString());
        assertTrue(!early.asString().contains("Exception"), "no stack trace");

        // after the due date: the office scores and publishes from the dashboard
        on("2017-01-16");
        YearConsoleProfile.cleanFacts(null);
        Response scored = post("evaluator", BASE + "/evaluate", Map.of("key", "access-evaluate"));
        assertEquals(303, scored.statusCode());
        assertTrue(scored.header("Location").endsWith(BASE + "?done=evaluate"));
        on("2017-01-31");
        assertEquals(303, post("evaluator", BASE + "/publish", Map.of("key", "access-publish")).statusCode());
        // repeated with the same key (a double click): answered as the first, nothing done twice
        assertEquals(303, post("evaluator", BASE + "/publish", Map.of("key", "access-publish")).statusCode());
        assertEquals(409, post("evaluator", BASE + "/publish", Map.of("key", "access-publish-again")).statusCode());

        String notice = publicPage(200, "2016 年度考核结果公示");
        assertTrue(notice.contains("2017-02-01") && notice.contains("2017-02-07"), "the period");
        assertEquals(72, count(notice, "<th scope=\"row\">"), "every unit of table C");
        assertTrue(row(notice, CAIZHENG).contains("+0.6"), row(notice, CAIZHENG));
        assertTrue(row(notice, DONGQU).contains("\u22120.8"), row(notice, DONGQU));
        expect(UNIT_PAGE, Map.of("caizheng", 200, "dongqu", 404, "evaluator", 200, "auditor", 200, "supervisor", 403));
        String published = get("caizheng", UNIT_PAGE).asString();
        assertTrue(published.contains("+0.6 分"), "its 考评表 once published");
        assertTrue(!published.contains("action=\"" + BASE + "/units/%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%80/items/"), "locked after the due date");
        assertTrue(published.contains("公示期外不能提出异议"), "2017-01-31 is before the period");
        expect(BASE + "/handover", Map.of("supervisor", 409, "evaluator", 409, "auditor", 409, "caizheng", 403, "dongqu", 403));
        assertEquals(0, new BigDecimal("0.6").compareTo(new BigDecimal(given().get("/api/v1/public/campaigns/2016").jsonPath()
                .getString("report.rows.find { it.unit == '市财政局' }.totalContribution"))), "the page shows what the API answers");
    }

    private void expect(String path, Map<String, Integer> statuses) {
        List<String> wrong = new ArrayList<>();
        statuses.forEach((caller, status) -> {
            Response r = get(caller, path);
            if (r.statusCode() != status || !r.contentType().startsWith("text/html")) {
                wrong.add(path + " as " + caller + ": " + r.statusCode() + " " + r.contentType());
            }
        });
        Response anonymous = get("anonymous", path);
        if (anonymous.statusCode() != 303 || !anonymous.header("Location").contains("/console/login")) {
            wrong.add(path + " anonymous: " + anonymous.statusCode() + " " + anonymous.header("Location"));
        }
        assertEquals(List.of(), wrong);
    }

    /** The public page: the same for every caller, logged in or not. */
    private String publicPage(int status, String text) {
        String body = null;
        for (String caller : CALLERS) {
            Response r = get(caller, "/console/public/campaigns/2016");
            assertEquals(status, r.statusCode(), caller + ": " + r.asString());
            assertTrue(r.asString().contains(text), caller + ": " + r.asString());
            body = r.asString();
        }
        return body;
    }

    private RequestSpecification session(String caller) {
        RequestSpecification spec = given().redirects().follow(false);
        return caller.equals("anonymous") ? spec : spec.cookie("quarkus-credential", cookies.get(caller));
    }

    private Response get(String caller, String path) {
        return session(caller).get(path);
    }

    /** A unit's own page: where its person's forms (and their token) are. */
    private static final Map<String, String> OWN_PAGE = Map.of("caizheng", UNIT_PAGE, "dongqu", BASE + "/units/" + DONGQU);
    /** What each person's browser holds once a page with forms was open: the form cookie and token. */
    private final Map<String, ConsoleForms> forms = new HashMap<>();

    /** A console form as the person's browser sends it, with the token its pages carry (none for anonymous). */
    private Response post(String caller, String path, Map<String, String> form) {
        RequestSpecification spec = session(caller).contentType("application/x-www-form-urlencoded; charset=UTF-8");
        ConsoleForms held = OWN_PAGE.containsKey(caller) ? forms.computeIfAbsent(caller, c -> ConsoleForms.open(session(c), OWN_PAGE.get(c)))
                : forms.get(caller);
        if (held != null) {
            spec = held.on(spec);
        }
        return (form.isEmpty() ? spec : spec.formParams(form)).post(path);
    }

    void on(String day) {
        clock.use(Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));
    }

    static String main(String page) {
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        return main;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The notice table's row of a unit. */
    static String row(String page, String unit) {
        int at = page.indexOf("<th scope=\"row\">" + unit);
        assertTrue(at > 0, "no row for " + unit);
        return page.substring(at, page.indexOf("</tr>", at));
    }
}
