package com.xhsgraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * GraphiQL in a real browser: the packaged application serves the built-in demo data, headless Chromium (Debian's
 * {@code chromium} with {@code chromedriver}, driven by Selenium) opens {@code /q/graphql-ui}, runs the default query
 * and the result pane shows the demo creator's notes.
 */
@QuarkusIntegrationTest
@TestProfile(GraphiqlBrowserIT.Demo.class)
class GraphiqlBrowserIT {

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.demo.enabled", "true");
        }
    }

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN",
            "/usr/bin/chromedriver");

    @Test
    void theDefaultQueryRunsAndShowsNotes() throws IOException {
        boolean browser = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(browser, "install Debian's chromium and chromium-driver to run the browser test");
        }
        assertThat(browser).as("CI installs chromium and chromium-driver (.ci/run)").isTrue();

        Path profile = Files.createTempDirectory("xhs-graph-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class)
                    .orElse(8081);
            driver.get("http://localhost:" + port + "/q/graphql-ui");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            WebElement run = wait.until(d -> d.findElements(By.cssSelector("button.graphiql-execute-button"))
                    .stream().findFirst().orElse(null));
            assertThat(driver.getPageSource()).contains("CreatorNotes");
            run.click();
            String result = wait.until(d -> {
                String text = String.valueOf(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "var r = document.querySelector('.graphiql-response'); return r ? r.innerText : '';"));
                return text.contains("\"nodes\"") ? text : null;
            });
            assertThat(result).contains("\"notes\"").contains("\"title\"").contains("是六金呀～");
        } finally {
            driver.quit();
            service.stop();
        }
    }
}
