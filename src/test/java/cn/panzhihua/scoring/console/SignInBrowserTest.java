package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.security.AuthThrottleAccess;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 §3 in Chromium: a person who mistypes the password too often reads, in Chinese, when to
 * try again; the console's own forms still post (same origin).
 * Screenshots: target/console-screenshots/sign-in-*.png.
 */
@QuarkusTest
class SignInBrowserTest {

    static final Path SHOTS = Path.of("target", "console-screenshots");

    @TestHTTPResource("/")
    URL base;

    @Inject
    AuthThrottleAccess throttle;

    private ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
        throttle.forget();
    }

    private void login(String user, String password) {
        driver.get(base.toString().replaceAll("/$", "") + "/console/login");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
    }

    @Test
    void aPersonLockedOutReadsWhenToTryAgainAndFormsCarryTheirToken() throws Exception {
        String id = ConsolePagesTest.record();
        driver = Browser.start(Files.createTempDirectory("chromium-profile"), Files.createTempDirectory("chromium-downloads"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        for (int i = 0; i < 5; i++) {
            login("auditor", "wrong-" + i);
            wait.until(d -> d.getCurrentUrl().contains("error=1"));
        }
        login("auditor", "auditor-dev"); // the right password, while locked
        wait.until(d -> d.getCurrentUrl().contains("locked="));
        String text = driver.findElement(By.tagName("main")).getText();
        Browser.screenshot(driver, SHOTS.resolve("sign-in-locked.png"));
        assertEquals("登录已暂停", driver.findElement(By.tagName("h1")).getText());
        // a one-minute lock reads "1 分钟" or, once a second of it has passed, the seconds left
        assertTrue(java.util.regex.Pattern.compile("请在 (1 分钟|[1-5]?[0-9] 秒)后").matcher(text).find()
                && text.contains("即使输入正确的密码也无法登录"), text);
        assertTrue(text.contains("错误代码 429"), text);

        throttle.forget(); // the lock over, the person signs in
        login("auditor", "auditor-dev");
        wait.until(d -> d.getCurrentUrl().endsWith("/console"));
        driver.get(base.toString().replaceAll("/$", "") + "/console/evaluations/" + id);
        driver.findElement(By.xpath("//button[normalize-space()='按现行规则重放']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/replay"));
        Browser.screenshot(driver, SHOTS.resolve("sign-in-replay.png"));
        assertTrue(driver.getPageSource().contains("逐条款比较"), "the console's own form still posts (same origin)");
    }
}
