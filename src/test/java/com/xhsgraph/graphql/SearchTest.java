package com.xhsgraph.graphql;

import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.xhsgraph.demo.FakeJustOneApi;
import com.xhsgraph.demo.GeneratedWorld;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;
import com.xhsgraph.support.UpstreamStub;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Finding notes and users by keyword, and opening share links, over WireMock serving the recorded answers of
 * {@code search-note/v2}, {@code search-user/v2} and {@code share-url-transfer/v1}: exact call counts, full walks,
 * links paid for once, and bad input refused for free.
 */
@QuarkusTest
@ConnectWireMock
class SearchTest extends GraphTestBase {

    static final String SEARCH_NOTES = "/api/xiaohongshu/search-note/v2";
    static final String SEARCH_USERS = "/api/xiaohongshu/search-user/v2";
    static final String SHARE_LINK = "/api/xiaohongshu/share-url-transfer/v1";
    static final String LINKED_NOTE = "69a8b0b9000000001a02fb14";

    private void notePage(String keyword, int page, String body) {
        Map<String, String> params = new HashMap<>();
        params.put("keyword", keyword);
        params.put("page", String.valueOf(page));
        params.put("sort", "general");
        params.put("noteType", "_0");
        upstream.on(SEARCH_NOTES, params, json(body));
    }

    @Test
    void aFoundNoteIsAGraphNodeAndWhatItsPageCarriesIsFree() {
        notePage("海信", 1, Fixtures.recorded("search-note-v2.json").toString());

        JsonPath body = GraphQLClient.post("""
                { searchNotes(keyword: "海信", first: 3) {
                    nodes { xhsId likeCount commentCount collectCount shareCount publishedAt type
                            images { url width height } author { xhsId nickname avatarUrl } }
                    pageInfo { hasNextPage endCursor } } }
                """).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.searchNotes.nodes.xhsId")).containsExactly("69abb712000000001600a32a");
        assertThat(body.getInt("data.searchNotes.nodes[0].likeCount")).isEqualTo(15);
        assertThat(body.getInt("data.searchNotes.nodes[0].commentCount")).isEqualTo(25);
        assertThat(body.getString("data.searchNotes.nodes[0].images[0].url")).startsWith("https://");
        assertThat(body.getString("data.searchNotes.nodes[0].author.xhsId")).isEqualTo("6276a4d10000000021026c1f");
        assertThat(body.getString("data.searchNotes.nodes[0].author.nickname")).isEqualTo("郑州卖海信电视容声冰箱团购处");
        assertThat(body.getString("data.searchNotes.nodes[0].publishedAt")).startsWith("2026-03-07");
        // one page read, as the estimate counts; no detail, no profile
        assertThat(upstream.totalCalls()).isEqualTo(1);
        assertThat(body.getInt("extensions.upstream.calls")).isEqualTo(1);
        assertThat(body.getBoolean("data.searchNotes.pageInfo.hasNextPage")).isTrue();

        JsonPath again = GraphQLClient.post("{ searchNotes(keyword: \"海信\", first: 1) { nodes { xhsId } } }")
                .jsonPath();
        assertThat(again.getList("data.searchNotes.nodes.xhsId")).containsExactly("69abb712000000001600a32a");
        assertThat(upstream.totalCalls()).as("a fresh search page is a snapshot").isEqualTo(1);
        assertThat(db.count("select count(*) from xhs_note where xhs_id = ?", "69abb712000000001600a32a"))
                .isEqualTo(1);
    }

    @Test
    void walkingAMultiPageSearchThreeAtATimeReturnsEveryResultOnceInOrder() {
        GeneratedWorld world = new GeneratedWorld(Fixtures.JSON, 15, 0, i -> 0);
        FakeJustOneApi fake = new FakeJustOneApi(Fixtures.JSON, world);
        String keyword = "通勤穿搭";
        List<String> expected = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            int p = page;
            String answer = new String(fake.answer(Endpoint.Names.SEARCH_NOTES, name -> switch (name) {
                case "token" -> UpstreamStub.TOKEN;
                case "keyword" -> keyword;
                case "page" -> String.valueOf(p);
                case "sort" -> "general";
                case "noteType" -> "_0";
                default -> null;
            }).body(), StandardCharsets.UTF_8);
            Fixtures.parse(answer).path("data").path("items")
                    .forEach(i -> expected.add(i.path("note").path("id").asText()));
            notePage(keyword, page, answer);
        }
        assertThat(expected).hasSize(45);

        List<String> seen = new ArrayList<>();
        String after = null;
        for (int request = 0; request < 40; request++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonPath page = GraphQLClient.post("""
                    query($after: String) { searchNotes(keyword: "通勤穿搭", first: 3, after: $after) {
                      nodes { xhsId } pageInfo { hasNextPage endCursor } } }
                    """, variables).jsonPath();
            assertThat(page.getList("errors")).isNull();
            seen.addAll(page.getList("data.searchNotes.nodes.xhsId"));
            if (!page.getBoolean("data.searchNotes.pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString("data.searchNotes.pageInfo.endCursor");
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(new LinkedHashSet<>(seen)).hasSize(seen.size());
        for (int page = 1; page <= 4; page++) {
            assertThat(upstream.calls(SEARCH_NOTES, "page", String.valueOf(page))).as("page " + page).isEqualTo(1);
        }
    }

    @Test
    void foundUsersAreUsersWithNotes() {
        upstream.on(SEARCH_USERS, Map.of("keyword", "amir", "page", "1"),
                json(Fixtures.recorded("search-user-v2.json").toString()));

        JsonPath body = GraphQLClient.post("""
                { searchUsers(keyword: "amir", first: 5) { nodes { xhsId nickname avatarUrl redId }
                  edges { cursor } pageInfo { hasNextPage } } }
                """).jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.searchUsers.nodes.xhsId")).hasSize(5).startsWith("68b016570000000018028e20",
                "694e2e980000000037032b89");
        assertThat(body.getString("data.searchUsers.nodes[0].nickname")).isEqualTo("Amir Ali");
        assertThat(body.getString("data.searchUsers.nodes[0].redId")).isEqualTo("26814156493");
        assertThat(body.getString("data.searchUsers.nodes[0].avatarUrl")).startsWith("https://");
        assertThat(body.getBoolean("data.searchUsers.pageInfo.hasNextPage")).isTrue();
        assertThat(upstream.totalCalls()).isEqualTo(1);

        JsonPath dryRun = given().contentType(ContentType.JSON).header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", "{ searchUsers(keyword: \"amir\", first: 5) { nodes { nickname notes(first: 2) "
                        + "{ nodes { xhsId } } } } }"))
                .when().post("/graphql").then().extract().jsonPath();
        // one search page, and a note page for each of the 5 users
        assertThat(dryRun.getInt("extensions.upstream.estimatedCalls")).isEqualTo(6);
    }

    @Test
    void aShortLinkIsResolvedOnceThenFreeInAnyShareText() {
        upstream.on(SHARE_LINK, Map.of("shareUrl", "http://xhslink.com/a/AbCd"),
                json(Fixtures.recorded("share-url-transfer-v1.json").toString()));

        JsonPath dryRun = given().contentType(ContentType.JSON).header("X-Upstream-Dry-Run", "true")
                .body(Map.of("query", "{ note(id: \"http://xhslink.com/a/AbCd\") { xhsId } }"))
                .when().post("/graphql").then().extract().jsonPath();
        assertThat(dryRun.getInt("extensions.upstream.estimatedCalls")).isEqualTo(1);

        JsonPath first = GraphQLClient.post("{ note(id: \"http://xhslink.com/a/AbCd\") { xhsId url } }").jsonPath();
        assertThat(first.getList("errors")).isNull();
        assertThat(first.getString("data.note.xhsId")).isEqualTo(LINKED_NOTE);
        assertThat(upstream.calls(SHARE_LINK)).isEqualTo(1);

        String shareText = "【小红书】春天的第一套穿搭 😆 ZKmU3ZsfUPxRhKs https://xhslink.com/a/AbCd?share=1，复制本条信息，"
                + "打开【小红书】App查看精彩内容！";
        JsonPath again = GraphQLClient.post("query($id: String!) { note(id: $id) { xhsId } }", Map.of("id", shareText))
                .jsonPath();
        assertThat(again.getString("data.note.xhsId")).isEqualTo(LINKED_NOTE);
        JsonPath resolved = GraphQLClient.post("""
                query($link: String!) { resolve(link: $link) { id ... on Note { xhsId } ... on User { nickname } } }
                """, Map.of("link", shareText)).jsonPath();
        assertThat(resolved.getString("data.resolve.xhsId")).isEqualTo(LINKED_NOTE);
        assertThat(upstream.calls(SHARE_LINK)).as("the link is remembered").isEqualTo(1);
        assertThat(db.count("select count(*) from xhs_share_link")).isEqualTo(1);

        // remembered across the memory cache: from PostgreSQL
        snapshots.forgetCached();
        JsonPath stored = GraphQLClient.post("{ resolve(link: \"http://xhslink.com/a/AbCd\") { id } }").jsonPath();
        assertThat(stored.getList("errors")).isNull();
        assertThat(upstream.calls(SHARE_LINK)).isEqualTo(1);
    }

    @Test
    void aFullUrlInShareTextCostsNoLinkCall() {
        JsonPath body = GraphQLClient.post("query($id: String!) { user(id: $id) { xhsId } }", Map.of("id",
                "看看这个博主 https://www.xiaohongshu.com/user/profile/5c2f338a000000000701e1c6?xsec_token=x 复制打开"))
                .jsonPath();
        assertThat(body.getString("data.user.xhsId")).isEqualTo("5c2f338a000000000701e1c6");
        assertThat(upstream.totalCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u0000x"})
    void anEmptyOrBrokenKeywordIsInvalidAndFree(String keyword) {
        assertInvalid("query($k: String!) { searchNotes(keyword: $k) { nodes { xhsId } } }", Map.of("k", keyword),
                "searchNotes");
        assertInvalid("query($k: String!) { searchUsers(keyword: $k) { nodes { xhsId } } }", Map.of("k", keyword),
                "searchUsers");
    }

    @Test
    void anOverlongKeywordIsInvalidAndFree() {
        assertInvalid("query($k: String!) { searchNotes(keyword: $k) { nodes { xhsId } } }",
                Map.of("k", "穿".repeat(101)), "searchNotes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no link in this text", "https://example.com/a/AbCd", "http://evil.example/xhslink.com/a/x",
            "5c2f338a000000000701e1c6", "ftp://xhslink.com/a/AbCd"})
    void aTextWithoutAXiaohongshuLinkIsInvalidAndFree(String link) {
        assertInvalid("query($l: String!) { resolve(link: $l) { id } }", Map.of("l", link), "resolve");
    }

    @Test
    void aLinkToAnotherSiteIsInvalidAsAnId() {
        assertInvalid("query($id: String!) { note(id: $id) { xhsId } }",
                Map.of("id", "https://evil.example/explore/65bf5360000000002c03f684"), "note");
        assertInvalid("query($id: String!) { user(id: $id) { xhsId } }",
                Map.of("id", "see " + "x".repeat(3000)), "user");
    }

    private void assertInvalid(String query, Map<String, Object> variables, String path) {
        JsonPath body = GraphQLClient.post(query, variables).jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).as(body.prettify()).isEqualTo("INVALID_ARGUMENT");
        assertThat(body.getList("errors[0].path")).containsExactly(path);
        assertThat(upstream.totalCalls()).isZero();
    }
}
