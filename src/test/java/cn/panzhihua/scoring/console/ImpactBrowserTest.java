package cn.panzhihua.scoring.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule author, in a real browser, tries 《攀政快讯》 at 5 points on a batch of three units: loads
 * channels.tsv into the editor, changes the row, sees who moves and which clauses did it, and
 * downloads the workbook to circulate. Screenshots under target/console-screenshots/impact-*.png,
 * every page audited for accessibility.
 */
@QuarkusTest
class ImpactBrowserTest {

    static final Path SHOTS = Path.of("target", "console-screenshots");

    @TestHTTPResource("/")
    URL base;

    private ChromeDriver driver;
    private final List<String> problems = new ArrayList<>();

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anAuthorSeesWhoADraftMoves() throws Exception {
        String months = "\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]";
        String batch = given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body("{\"items\": ["
                        + "{\"unit\": \"市人防办\", \"year\": 2016, \"information\": {" + months + ", \"adoptions\": " + adoptions(6) + "}},"
                        + "{\"unit\": \"市烤烟办\", \"year\": 2016, \"information\": {" + months + ", \"adoptions\": " + adoptions(4) + "}}]}")
                .post("/api/v1/evaluations/batch").then().statusCode(200).extract().path("batchId");
        Path downloads = Path.of("target", "console-downloads-impact");
        Files.createDirectories(downloads);
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        driver = Browser.start(Files.createTempDirectory("chromium-profile"), downloads);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        open("/console/impact?year=2016&file=channels.tsv&batch=" + batch);
        wait.until(d -> d.getCurrentUrl().contains("/console/login"));
        driver.findElement(By.name("j_username")).sendKeys("author");
        driver.findElement(By.name("j_password")).sendKeys("author-dev");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("/console/impact"));
        WebElement text = driver.findElement(By.id("text"));
        assertTrue(text.getAttribute("value").contains("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t"), "the serving channels.tsv is loaded to edit");
        assertEquals("channels.tsv", new Select(driver.findElement(By.id("file"))).getFirstSelectedOption().getAttribute("value"));
        page("impact-form");

        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[0].value"
                + ".replace('CITY_BULLETIN\\tI-3\\tMUNICIPAL\\t4\\t', 'CITY_BULLETIN\\tI-3\\tMUNICIPAL\\t5\\t')"
                + ".replace('《攀政快讯》采用 1 条信息计 4 分', '《攀政快讯》采用 1 条信息计 5 分')", text);
        driver.findElement(By.xpath("//button[normalize-space()='分析影响']")).click();
        try {
            wait.until(d -> !d.findElements(By.id("units")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            Browser.screenshot(driver, SHOTS.resolve("impact-failed.png"));
            throw new AssertionError("no units table: " + driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
        String units = driver.findElement(By.id("units")).getText();
        // 市烤烟办: 16 → 20 of 24 adoption points, tier 50 → 70, information 60 → 76, total 1.8 → 2.28.
        assertTrue(units.contains("市烤烟办") && units.contains("+1.8") && units.contains("+2.28") && units.contains("+0.48"), units);
        assertTrue(units.contains("I-3 TALLY MUNICIPAL 16→20（+4）"), units);
        String clauses = driver.findElement(By.id("clauses")).getText();
        assertTrue(clauses.contains("TALLY MUNICIPAL") && clauses.contains("+10"), "the tally moved two units, +6 and +4: " + clauses);
        assertTrue(driver.findElement(By.tagName("body")).getText().contains("2 个单位结果有变化"));
        // a unit's name stays on one line (the review found the column one character wide: 47 units made a 7,857 px page)
        org.openqa.selenium.WebElement name = driver.findElement(By.cssSelector("#units tbody th[scope=row] a"));
        int lineHeight = (int) Math.ceil(Double.parseDouble(String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return parseFloat(getComputedStyle(arguments[0]).lineHeight) || 24;", name))));
        assertTrue(name.getSize().getHeight() < 2 * lineHeight, "市烤烟办 on one line: " + name.getSize() + ", line " + lineHeight);
        page("impact-result");

        driver.findElement(By.xpath("//button[normalize-space()='下载 XLSX']")).click();
        Path xlsx = Browser.waitForDownload(downloads, ".xlsx", java.time.Duration.ofSeconds(30));
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheet("单位变动");
            Row first = sheet.getRow(1);
            assertEquals("市烤烟办", first.getCell(1).getStringCellValue(), "the largest move first");
            assertEquals(0.48, first.getCell(6).getNumericCellValue(), 1e-9);
        }
        assertEquals(List.of(), problems, "accessibility problems");
    }

    private static String adoptions(int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-0").append(1 + i).append("-15\"}");
        }
        return s.append("]").toString();
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private void page(String name) throws Exception {
        Browser.screenshot(driver, SHOTS.resolve(name + ".png"));
        String url = driver.getCurrentUrl();
        Accessibility.audit(driver).forEach(p -> problems.add(name + " (" + url + "): " + p));
    }
}
