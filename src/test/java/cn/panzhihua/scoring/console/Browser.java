package cn.panzhihua.scoring.console;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, driven headless through Debian's chromedriver (no driver is downloaded:
 * the service is given the executable, and SE_OFFLINE keeps Selenium Manager from looking).
 * Without them a developer's run skips the browser tests; CI (CI=true) fails and says what to install.
 */
final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    /** Skips (locally) or fails (in CI) when a Debian package the test needs is missing. */
    static void require(String executable, String debianPackage) {
        boolean present = new File(executable).canExecute();
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(executable + " is missing: install Debian's " + debianPackage + " (.ci/run does, after apt-get update)");
        }
        assumeTrue(present, executable + " is not installed (Debian package " + debianPackage + "); skipped outside CI");
    }

    static ChromeDriver start(Path profile, Path downloads) throws IOException {
        require(CHROMIUM, "chromium");
        require(CHROMEDRIVER, "chromium-driver");
        Files.createDirectories(profile);
        Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=1366,900", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "zh-CN"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The whole page, not only the window: the window is made as tall as the page first. */
    /** The file Chromium finished downloading into {@code dir} (ending in {@code suffix}, not empty), waiting at most {@code within}. */
    static Path waitForDownload(Path dir, String suffix, java.time.Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                var done = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
                if (done.isPresent() && java.nio.file.Files.size(done.get()) > 0) {
                    return done.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + suffix + " was downloaded into " + dir);
    }

    static void screenshot(ChromeDriver driver, Path file) throws IOException {
        Object height = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        int tall = Math.min(12000, Math.max(900, ((Number) height).intValue()));
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(1366, tall));
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
    }
}
