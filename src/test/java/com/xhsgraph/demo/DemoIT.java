package com.xhsgraph.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

import com.xhsgraph.support.GraphQLClient;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The packaged application serving the built-in demo data, reached over HTTP through the real client: several pages of
 * notes, comments and replies, so that a fresh machine can try pagination without a token; and GraphiQL in a real
 * browser (Debian's {@code chromium} with {@code chromedriver}, driven by Selenium) running its default query.
 */
@QuarkusIntegrationTest
@TestProfile(DemoIT.Demo.class)
class DemoIT {

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.demo.enabled", "true");
        }
    }

    @Test
    void theDemoCreatorHasSeveralPagesOfNotes() {
        List<String> notes = walk("""
                query($after: String) {
                  user(id: "%s") { notes(first: 3, after: $after) {
                    nodes { xhsId } pageInfo { hasNextPage endCursor } } }
                }
                """.formatted(DemoDataset.DEMO_CREATOR), "data.user.notes");
        assertThat(notes).hasSize(23).doesNotHaveDuplicates();

        JsonPath profile = GraphQLClient.post("""
                query { user(id: "%s") { nickname noteCount notes(first: 1) { totalCount nodes { pinned text } } } }
                """.formatted(DemoDataset.DEMO_CREATOR)).jsonPath();
        assertThat(profile.getList("errors")).isNull();
        assertThat(profile.getString("data.user.nickname")).isEqualTo("是六金呀～");
        assertThat(profile.getInt("data.user.noteCount")).isEqualTo(23);
        assertThat(profile.getInt("data.user.notes.totalCount")).isEqualTo(23);
        assertThat(profile.getBoolean("data.user.notes.nodes[0].pinned")).isTrue();
        assertThat(profile.getString("data.user.notes.nodes[0].text")).as("full text from the detail")
                .startsWith("162｜110斤").hasSizeGreaterThan(110);
    }

    @Test
    void theDemoFindsNotesAndUsersAndOpensAShareLinkOffline() {
        JsonPath found = GraphQLClient.post("""
                query { searchNotes(keyword: "穿搭", first: 25) { nodes { xhsId likeCount author { nickname } } }
                  searchUsers(keyword: "穿搭") { nodes { xhsId nickname } }
                  resolve(link: "分享 %s 复制本条信息") { ... on Note { xhsId title } } }
                """.formatted(DemoDataset.DEMO_SHORT_LINK)).jsonPath();
        assertThat(found.getList("errors")).as(found.prettify()).isNull();
        assertThat(found.getList("data.searchNotes.nodes")).hasSize(25);
        assertThat(found.getList("data.searchNotes.nodes.xhsId")).doesNotHaveDuplicates();
        assertThat(found.getList("data.searchUsers.nodes.xhsId")).contains(DemoDataset.DEMO_CREATOR);
        assertThat(found.getString("data.resolve.xhsId")).hasSize(24);
    }

    @Test
    void commentsAndReplyThreadsHaveSeveralPages() {
        JsonPath first = GraphQLClient.post("""
                query { user(id: "%s") { notes(first: 1) { nodes { xhsId comments(first: 0) { totalCount } } } } }
                """.formatted(DemoDataset.VIDEO_CREATOR)).jsonPath();
        String noteId = first.getString("data.user.notes.nodes[0].xhsId");
        assertThat(noteId).isEqualTo(DemoDataset.RECORDED_NOTE);

        List<String> comments = walk("""
                query($after: String) {
                  note(id: "%s") { comments(first: 4, after: $after) {
                    nodes { xhsId } pageInfo { hasNextPage endCursor } } }
                }
                """.formatted(noteId), "data.note.comments");
        assertThat(comments).hasSizeGreaterThanOrEqualTo(23).doesNotHaveDuplicates();
        assertThat(comments).contains(DemoDataset.RECORDED_THREAD);

        JsonPath page = GraphQLClient.post("""
                query { note(id: "%s") { comments(first: 10) { nodes { id xhsId replyCount } } } }
                """.formatted(noteId)).jsonPath();
        int index = page.<String>getList("data.note.comments.nodes.xhsId").indexOf(DemoDataset.RECORDED_THREAD);
        assertThat(index).isNotNegative();
        assertThat(page.getInt("data.note.comments.nodes[" + index + "].replyCount")).isEqualTo(37);

        String thread = page.getString("data.note.comments.nodes[" + index + "].id");
        List<String> replies = walk("""
                query($after: String) {
                  node(id: "%s") { ... on Comment {
                    replies(first: 4, after: $after) { nodes { xhsId } pageInfo { hasNextPage endCursor } } } }
                }
                """.formatted(thread), "data.node.replies");
        assertThat(replies).hasSize(37).doesNotHaveDuplicates().startsWith("65bf6392000000000800b405");
    }

    @Test
    void anUnknownCreatorIsNotFound() {
        JsonPath body = GraphQLClient.post("""
                query { user(id: "000000000000000000000001") { nickname } }
                """).jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    }

    private static List<String> walk(String query, String connection) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 30; i++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonPath page = GraphQLClient.post(query, variables).jsonPath();
            assertThat(page.getList("errors")).as(page.prettify()).isNull();
            ids.addAll(page.getList(connection + ".nodes.xhsId"));
            if (!page.getBoolean(connection + ".pageInfo.hasNextPage")) {
                assertThat(new HashSet<>(ids)).hasSize(ids.size());
                return ids;
            }
            after = page.getString(connection + ".pageInfo.endCursor");
        }
        throw new AssertionError("the walk did not end");
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
            String result;
            try {
                result = wait.until(d -> {
                    String text = responsePane(d);
                    return text.contains("\"nodes\"") ? text : null;
                });
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("GraphiQL showed no notes; its response pane reads: " + responsePane(driver),
                        e);
            }
            assertThat(result).contains("\"notes\"").contains("\"title\"").contains("是六金呀～");
        } finally {
            driver.quit();
            service.stop();
        }
    }

    private static String responsePane(WebDriver driver) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "var r = document.querySelector('.graphiql-response'); return r ? r.innerText : '';"));
    }
}
