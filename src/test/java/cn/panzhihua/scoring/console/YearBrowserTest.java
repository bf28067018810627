package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.campaign.CampaignClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The assessment year (issue 20) in Chromium, as the people of the year use it: the office opens
 * it; 市财政局's clerk self-assesses with a real PDF upload and cannot open another unit's page; the
 * office's dashboard shows who is late, scores and publishes; the clerk objects during the 公示; the
 * office upholds the objection with corrected facts; anyone reads the public 公示 page; the office
 * confirms and hands over; the 督查办 reads the hand-over (and, before it, a clear message).
 * Screenshots: target/console-screenshots/year-*.png.
 *
 * <p>Numbers by hand (SPEC sections 2–4, 攀办函〔2016〕104号 附件1 for 市财政局, 附件2 for 东区政府): every
 * unit submits 8 items a month, nothing adopted: information 5+5+5+5+0 = 20, for a municipal department
 * 20/100 × 3 = +0.6, for a county −(100 − 20)/100 × 1 = −0.8. 市财政局 also lacks two systems (E-1 × 2,
 * 5 each): efficiency 90 → −10/100 × 2 = −0.2; disclosure 100 → 0; total +0.4. Its objection is
 * upheld (one system missing, not two): efficiency 95 → −0.1, total +0.5.
 */
@QuarkusTest
@TestProfile(YearConsoleProfile.Walk.class)
class YearBrowserTest {

    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final String CAIZHENG = "市财政局";
    static final String DONGQU = "东区政府";
    static final String Y = YearConsoleProfile.Y;

    @TestHTTPResource("/")
    URL base;

    @Inject
    CampaignClock clock;

    private ChromeDriver driver;
    private WebDriverWait wait;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theYearAsAUnitTheOfficeThePublicAndTheSupervisorUseIt() throws Exception {
        driver = Browser.start(Files.createTempDirectory("chromium-profile"), Files.createTempDirectory("chromium-downloads"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Path pdf = pdf(Path.of("target", "year-console", "专题汇报纪要.pdf"));

        // ---- the office opens the year
        on("2017-01-10");
        login("evaluator");
        open("/console/campaigns/2016");
        date("selfAssessmentDue", "2017-01-15");
        date("publicationFrom", "2017-02-01");
        date("publicationTo", "2017-02-07");
        submit(driver.findElement(By.xpath("//button[normalize-space()='开启 2016 年度考核']")), "open");
        assertEquals("单位自评阶段", text("stage"));
        logout();

        // every other unit but 东区政府 submits through the API, at full marks
        for (String unit : YearConsoleProfile.units()) {
            if (!unit.equals(DONGQU) && !unit.equals(CAIZHENG)) {
                selfAssessAll(YearConsoleProfile.userOf(unit), unit, null);
            }
        }

        // ---- 市财政局's clerk: from the menu to its own page, a self-assessment and a real upload
        login("caizheng");
        driver.findElement(By.linkText("考核年度")).click();
        driver.findElement(By.partialLinkText("本单位 2016 年度自评")).click();
        wait.until(d -> d.getCurrentUrl().contains("/units/"));
        assertEquals("市财政局 2016 年度考核", driver.findElement(By.tagName("h1")).getText());
        assertTrue(text("self-status").contains("尚有 14 项未提交"), text("self-status"));
        WebElement score = driver.findElement(By.id("score-D-1"));
        score.clear();
        score.sendKeys("9.5");
        driver.findElement(By.id("expl-D-1")).sendKeys("主要负责同志听取专题汇报2次；未参加专题培训一次");
        submit(driver.findElement(By.cssSelector("form[action$='/items/D-1'] button")), "saved");
        assertTrue(driver.findElement(By.id("item-D-1")).getText().contains("当前自评分：9.5"), driver.findElement(By.id("item-D-1")).getText());
        driver.findElement(By.id("file-D-1")).sendKeys(pdf.toAbsolutePath().toString());
        submit(driver.findElement(By.cssSelector("form[action$='/items/D-1/files'] button")), "uploaded");
        String d1 = driver.findElement(By.id("item-D-1")).getText();
        assertTrue(d1.contains("专题汇报纪要.pdf") && d1.contains("PDF") && d1.contains(sha256(Files.readAllBytes(pdf))), d1);
        selfAssessAll("caizheng", CAIZHENG, "D-1");
        open("/console/campaigns/2016/units/" + CAIZHENG);
        assertTrue(text("self-status").contains("已提交全部 14 项"), text("self-status"));
        assertEquals(List.of(), Accessibility.audit(driver));
        assertEquals(List.of(), Accessibility.focusProblems(driver, 30));
        printed("考评表");
        shot(SHOTS.resolve("year-unit-self-assessment.png"));
        // the file comes back as an attachment, byte for byte
        assertTrue(driver.findElement(By.cssSelector("#item-D-1 a[download]")).getAttribute("href").contains("/api/v1/campaigns/2016/files/"));
        // another unit's page: the console's 404, as for a unit that does not exist
        open("/console/campaigns/2016/units/" + DONGQU);
        assertEquals("没有此单位", driver.findElement(By.tagName("h1")).getText());
        assertFalse(driver.getPageSource().contains("东区政府 2016 年度考核"));
        logout();

        // ---- after the due date: the dashboard shows who is late; the office scores and publishes
        on("2017-01-16");
        YearConsoleProfile.cleanFacts(CAIZHENG);
        facts(CAIZHENG, 2);
        login("evaluator");
        open("/console/campaigns/2016");
        assertEquals("1 个", text("late"));
        assertEquals(List.of(DONGQU), driver.findElements(By.cssSelector("#late-units tbody th")).stream().map(WebElement::getText).toList());
        assertEquals("71 个", text("submitted"));
        assertEquals("实施考核评分（evaluate）", text("next-action"));
        assertEquals(List.of(), Accessibility.audit(driver));
        assertEquals(List.of(), Accessibility.focusProblems(driver, 12));
        shot(SHOTS.resolve("year-office-late.png"));
        submit(button("实施考核评分"), "evaluate");
        assertEquals("已评分，待发布", text("stage"));
        assertEquals("72 个", text("scored"));
        on("2017-01-31");
        open("/console/campaigns/2016");
        submit(button("发布通报并公示"), "publish");
        assertEquals("公示中", text("stage"));
        logout();

        // ---- the supervisor, before confirmation: a clear message
        login("supervisor");
        driver.findElement(By.linkText("考核年度")).click();
        driver.findElement(By.partialLinkText("考核结果移交")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/handover"));
        assertEquals("尚未移交", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("目前的阶段：公示中"), driver.findElement(By.tagName("main")).getText());
        logout();

        // ---- during the 公示 the clerk reads its 考评表 and objects, with evidence
        on("2017-02-03");
        login("caizheng");
        open("/console/campaigns/2016/units/" + CAIZHENG);
        assertEquals("+0.4 分", text("total"));
        String sheet = driver.findElement(By.cssSelector("table.kpb.result")).getText();
        assertTrue(driver.getPageSource().contains("折算 <strong>−0.2</strong>"), "efficiency 90 → −0.2");
        assertTrue(sheet.length() > 0);
        driver.findElement(By.id("subject")).sendKeys("E-1");
        driver.findElement(By.id("reasons")).sendKeys("我局已建立招投标管理制度，只缺行政问责制度一项");
        driver.findElement(By.id("objection-file")).sendKeys(pdf.toAbsolutePath().toString());
        submit(button("提交异议"), "objected");
        String objections = driver.findElement(By.id("objections")).getText();
        assertTrue(objections.contains("待决定（公示期剩余 4 天）") && objections.contains("专题汇报纪要.pdf"), objections);
        shot(SHOTS.resolve("year-unit-objection.png"));
        logout();

        // ---- the office decides: upheld, with the corrected facts (one system missing)
        login("evaluator");
        open("/console/campaigns/2016");
        assertTrue(driver.findElement(By.cssSelector(".days-left")).getText().equals("4 天"));
        WebElement form = driver.findElement(By.cssSelector("form.decide"));
        form.findElement(By.cssSelector("label[for^='up-']")).click();
        form.findElement(By.tagName("summary")).click();
        WebElement facts = form.findElement(By.cssSelector("textarea[name=facts]"));
        assertTrue(facts.getAttribute("value").contains("\"count\" : 2"), "the unit's facts as they stand, to correct");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", facts, factsJson(1));
        form.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("核实：仅缺行政问责制度一项");
        shot(SHOTS.resolve("year-office-objection.png"));
        submit(form.findElement(By.cssSelector("button[type=submit]")), "decision");
        assertTrue(driver.findElement(By.cssSelector("section.objection")).getText().contains("异议成立"));
        assertEquals("公示中，至 2017-02-07 止", text("next-action"), "no objection open, the period still runs");
        logout();

        // ---- the public 公示 page, without login: the corrected 通报, its period and checkpoint
        open("/console/public/campaigns/2016");
        JsonPath api = given().get("/api/v1/public/campaigns/2016").jsonPath();
        assertEquals(String.valueOf(api.getLong("checkpoint")), text("checkpoint"));
        String row = driver.findElement(By.xpath("//table[contains(@class,'notice')]//tr[th[starts-with(normalize-space(),'市财政局')]]")).getText();
        assertTrue(row.contains("已更正") && row.endsWith("+0.5"), row);
        assertTrue(driver.findElement(By.id("changes")).getText().contains("+0.4 +0.5"), driver.findElement(By.id("changes")).getText());
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("公示期：2017-02-01 至 2017-02-07"));
        assertEquals(List.of(), Accessibility.audit(driver));
        printed("考核通报");
        shot(SHOTS.resolve("year-public-notice.png"));

        // ---- the clerk sees the decision on its page
        login("caizheng");
        open("/console/campaigns/2016/units/" + CAIZHENG);
        assertEquals("+0.5 分", text("total"));
        assertTrue(driver.findElement(By.id("objections")).getText().contains("异议成立"));
        logout();

        // ---- after the period: confirm and hand over
        on("2017-02-08");
        login("evaluator");
        open("/console/campaigns/2016");
        submit(button("确认考核结果"), "confirm");
        assertEquals("已确认", text("stage"));
        submit(button("报市目标督查办"), "handover");
        assertEquals("已报市目标督查办", text("stage"));
        logout();

        // ---- the supervisor reads the hand-over
        login("supervisor");
        open("/console/campaigns/2016/handover");
        JsonPath pack = given().auth().preemptive().basic("supervisor", "supervisor-dev").get(Y + "/handover").jsonPath();
        assertEquals(String.valueOf(pack.getLong("confirmedCheckpoint")), text("checkpoint"));
        assertEquals(72, driver.findElements(By.cssSelector("#handover tbody tr")).size());
        assertEquals(List.of(CAIZHENG, "0", "−0.1", "+0.6", "+0.5"), cells(CAIZHENG));
        assertEquals(List.of(DONGQU, "不适用", "0", "−0.8", "−0.8"), cells(DONGQU));
        assertEquals(List.of(), Accessibility.audit(driver));
        shot(SHOTS.resolve("year-supervisor-handover.png"));
        logout();

        // ---- the office's quarterly adoption 通报 (issue 21), from the ledger: 《攀政快讯》 4 points + 10 for a municipal 批示
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"unit\": \"" + CAIZHENG + "\", \"channel\": \"CITY_BULLETIN\", \"issue\": \"12\", \"date\": \"2016-03-02\", "
                        + "\"title\": \"市财政局推进预算公开\", \"leaderInstruction\": \"MUNICIPAL\"}")
                .post("/api/v1/adoptions/2016/entries").then().statusCode(200);
        login("evaluator");
        open("/console/adoptions");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("quarter"))).selectByVisibleText("第 2 季度");
        driver.findElement(By.xpath("//button[normalize-space()='查看']")).click();
        // the page is computed afresh (72 progress evaluations): wait for the second quarter's heading
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.tagName("h2")).stream().anyMatch(h -> h.getText().contains("第 2 季度")));
        assertTrue(driver.findElement(By.tagName("h2")).getText().contains("2016 年第 2 季度政务信息采用情况通报（截至 2016-06-30）"));
        WebElement quarterRow = driver.findElement(By.xpath("//table[contains(@class,'quarter')]//tr[th[normalize-space()='" + CAIZHENG + "']]"));
        assertEquals("14", quarterRow.findElements(By.tagName("td")).get(2).getText(), "市级累计: 4 + 10");
        assertEquals(72, driver.findElements(By.cssSelector("table.quarter tbody tr")).size(), "every unit of table C");
        assertEquals(List.of(), Accessibility.audit(driver));
        printed("政务信息采用情况通报");
        shot(SHOTS.resolve("adoptions-quarter.png"));
    }

    // ---------------------------------------------------------------- the browser

    /** The whole page from its top, no element focused (the keyboard walk leaves the page scrolled). */
    private void shot(Path file) throws java.io.IOException {
        ((JavascriptExecutor) driver).executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        Browser.screenshot(driver, file);
    }

    private void login(String user) {
        open("/console/login");
        try {
            driver.findElement(By.id("j_username")).sendKeys(user);
        } catch (RuntimeException e) {
            try {
                Browser.screenshot(driver, SHOTS.resolve("year-login-failed.png"));
                Files.writeString(SHOTS.resolve("year-login-failed.html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
            } catch (java.io.IOException ignored) {
                // the failure itself says enough
            }
            throw e;
        }
        driver.findElement(By.id("j_password")).sendKeys(user + "-dev");
        driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/console/login"));
    }

    private void logout() {
        open("/console/logout");
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private WebElement button(String label) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + label + "']"));
    }

    /** Sets a date field as the date picker would (its typed form depends on the browser's locale). */
    private void date(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)), value);
    }

    /** Clicks a form's button and waits for the page that says the step was done; otherwise fails with what the page says. */
    private void submit(WebElement button, String done) {
        button.click();
        try {
            wait.until(d -> d.getCurrentUrl().contains("done=" + done));
        } catch (TimeoutException e) {
            fail("the step " + done + " was not done: " + driver.findElement(By.tagName("main")).getText());
        }
    }

    /** Printed: no navigation, no forms; the content stays. */
    private void printed(String heading) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(driver.findElement(By.cssSelector("header.site nav")).isDisplayed(), "navigation is not printed");
            assertTrue(driver.findElements(By.tagName("form")).stream().noneMatch(WebElement::isDisplayed), "forms are not printed");
            assertTrue(driver.findElement(By.tagName("main")).getText().contains(heading));
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /** A hand-over row: the unit, its three assessments' contributions and the total. */
    private List<String> cells(String unit) {
        WebElement row = driver.findElement(By.xpath("//table[@id='handover']//tr[th[normalize-space()='" + unit + "']]"));
        List<String> cells = new java.util.ArrayList<>();
        cells.add(row.findElement(By.tagName("th")).getText());
        List<WebElement> tds = row.findElements(By.tagName("td"));
        for (int i = 2; i < tds.size(); i++) {
            cells.add(tds.get(i).getText());
        }
        return cells;
    }

    // ---------------------------------------------------------------- the API, for what the test does not walk

    /** Every item of the unit at full marks (but {@code except}), as its user. */
    private static void selfAssessAll(String user, String unit, String except) {
        JsonPath page = given().auth().preemptive().basic(user, user + "-dev").get(Y + "/units/" + unit).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        for (Map<String, Object> item : items) {
            if (!item.get("code").equals(except)) {
                given().auth().preemptive().basic(user, user + "-dev").contentType(ContentType.JSON)
                        .body(Map.of("selfScore", item.get("max"), "explanation", unit + " 按细则完成" + item.get("name")))
                        .put(Y + "/units/" + unit + "/self-assessment/" + item.get("code")).then().statusCode(200);
            }
        }
    }

    private static void facts(String unit, int missingSystems) {
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(factsJson(missingSystems))
                .put(Y + "/units/" + unit + "/facts").then().statusCode(200);
    }

    /** E-1 (制度缺失) × n, 8 submissions every month, nothing adopted. */
    static String factsJson(int missingSystems) {
        return "{\"findings\": [{\"code\": \"E-1\", \"count\": " + missingSystems + ", \"note\": \"缺制度\", \"origin\": \"PLATFORM\"}],"
                + " \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}";
    }

    void on(String day) {
        clock.use(Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));
    }

    /** A real one-page PDF, as a clerk's scanner would give (PDFBox). */
    static Path pdf(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.addRect(72, 600, 300, 100);
                content.stroke();
            }
            document.save(file.toFile());
        }
        return file;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
