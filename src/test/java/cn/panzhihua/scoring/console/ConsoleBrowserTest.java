package cn.panzhihua.scoring.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's way through the console in Debian's Chromium: log in with the keyboard, search, open a
 * record and find the 扣 2.5 分 line of D-1.2 under 组织保障 (D-1), open the rule from the trail,
 * replay and see the diff, download the 通报 as XLSX. Every page is screenshotted under
 * target/console-screenshots/ and audited for accessibility (see {@link Accessibility}).
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path SHOTS = Path.of("target", "console-screenshots");

    @TestHTTPResource("/")
    URL base;

    private ChromeDriver driver;
    private final List<String> problems = new ArrayList<>();
    private int shot;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anAuditorFindsReadsReplaysAndDownloads() throws Exception {
        String id = ConsolePagesTest.record();
        Path downloads = Path.of("target", "console-downloads");
        clear(downloads);
        driver = Browser.start(Files.createTempDirectory("chromium-profile"), downloads);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        open("/");
        assertEquals("攀枝花市目标考核评分服务", driver.findElement(By.tagName("h1")).getText());
        page("home");

        // 考评记录 needs a login: the form comes, and after it the page that was asked for
        driver.findElement(By.linkText("考评记录")).click();
        wait.until(d -> d.getCurrentUrl().contains("/console/login"));
        assertEquals("j_username", driver.switchTo().activeElement().getAttribute("name"), "the login form starts in the user name field");
        page("login");
        driver.navigate().refresh(); // the audit's keyboard walk moved the focus; start again in the user name field
        new Actions(driver).sendKeys("auditor").sendKeys(Keys.TAB).sendKeys("auditor-dev").sendKeys(Keys.ENTER).perform();
        wait.until(d -> d.getCurrentUrl().contains("/console/evaluations"));

        driver.findElement(By.id("unit")).sendKeys("市发展改革委");
        new Select(driver.findElement(By.id("year"))).selectByValue("2016");
        driver.findElement(By.cssSelector("form.search button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("unit="));
        page("search");
        driver.findElement(By.cssSelector("a[href='/console/evaluations/" + id + "']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith(id));

        WebElement d1 = driver.findElement(By.id("line-D-1"));
        assertTrue(d1.findElement(By.cssSelector("tr.item")).getText().contains("组织保障"), d1.getText());
        WebElement entry = d1.findElement(By.cssSelector("tr.entry"));
        assertTrue(entry.getText().contains("D-1.2") && entry.getText().contains("扣 2.5 分"), "D-1.2's 扣 2.5 分 under D-1: " + entry.getText());
        assertTrue(entry.getText().contains("未参加专题培训"), "its evidence: " + entry.getText());
        assertEquals("7.5", d1.findElement(By.cssSelector("td.score")).getText());
        page("record");

        // the rule's page, from the trail entry's DRL location
        entry.findElement(By.partialLinkText("organisation.drl:")).click();
        wait.until(d -> d.getCurrentUrl().contains("/console/rulebooks/2016/rules"));
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("D-1.2"));
        assertTrue(driver.findElement(By.cssSelector("pre.drl")).getText().contains("@clause(\"D-1.2\")"));
        page("rule");
        driver.navigate().back();

        driver.findElement(By.xpath("//button[normalize-space()='按现行规则重放']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/replay"));
        WebElement diff = driver.findElement(By.cssSelector("table.diff"));
        assertTrue(diff.getText().contains("D-1.2") && diff.getText().contains("I-CONV"), diff.getText());
        assertTrue(driver.findElement(By.tagName("body")).getText().contains("结果相同"));
        page("replay");

        open("/console/reports?year=2016");
        page("report");
        String report = driver.findElement(By.tagName("main")).getText();
        assertTrue(report.contains("市发展改革委"), report);
        driver.findElement(By.partialLinkText("Excel")).click();
        Path xlsx = Browser.waitForDownload(downloads, ".xlsx", java.time.Duration.ofSeconds(20));
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet summary = workbook.getSheet("通报");
            assertTrue(summary != null && workbook.getSheet("市发展改革委") != null, "the 通报 and the unit's sheet");
        }

        open("/console/rulebooks");
        page("rulebooks");
        open("/console/rulebooks/2016");
        page("rules");
        open("/console/chain");
        // Showing the page walks nothing; the full walk starts from its button and the page follows it.
        driver.findElement(By.xpath("//button[contains(., '完整校验')]")).click();
        // a verdict of an earlier incremental walk may already show: wait for the full walk's own
        long until = System.currentTimeMillis() + 120_000;
        while (driver.findElements(By.cssSelector(".verdict.ok")).stream().noneMatch(v -> v.getText().contains("完整校验"))
                && System.currentTimeMillis() < until) {
            Thread.sleep(500);
            open("/console/chain");
        }
        String verdict = driver.findElement(By.cssSelector(".verdict.ok")).getText();
        assertTrue(verdict.contains("记录链完整") && verdict.contains("完整校验"), verdict);
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("由 auditor 进行"), "who verified");
        page("chain");

        assertEquals(List.of(), problems, "accessibility problems");
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /** Screenshot, audit and keyboard walk of the page now shown. */
    private void page(String name) throws IOException {
        Browser.screenshot(driver, SHOTS.resolve(String.format("%02d-%s.png", ++shot, name)));
        String url = driver.getCurrentUrl();
        Accessibility.audit(driver).forEach(p -> problems.add(name + " (" + url + "): " + p));
        problems.addAll(Accessibility.focusProblems(driver, 12));
    }

    private static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
