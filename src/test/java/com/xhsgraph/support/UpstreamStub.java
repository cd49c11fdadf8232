package com.xhsgraph.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/** Stubs the five Just One API endpoints on the test WireMock and counts the calls that reached them. */
public final class UpstreamStub {

    /** The token the test profile configures; it must never appear in a response or a log line. */
    public static final String TOKEN = "test-token-9f8e7d";

    public static final String USER = "/api/xiaohongshu/get-user/v3";
    public static final String NOTES = "/api/xiaohongshu/get-user-note-list/v4";
    public static final String DETAIL = "/api/xiaohongshu/get-note-detail/v1";
    public static final String COMMENTS = "/api/xiaohongshu/get-note-comment/v2";
    public static final String REPLIES = "/api/xiaohongshu/get-note-sub-comment/v2";

    private final WireMock wiremock;

    public UpstreamStub(WireMock wiremock) {
        this.wiremock = wiremock;
    }

    public void reset() {
        wiremock.resetMappings();
        wiremock.resetRequests();
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public void user(String userId, ResponseDefinitionBuilder response) {
        wiremock.register(endpoint(USER).withQueryParam("userId", equalTo(userId)).willReturn(response));
    }

    public void notes(String userId, String lastCursor, ResponseDefinitionBuilder response) {
        wiremock.register(endpoint(NOTES).withQueryParam("userId", equalTo(userId))
                .withQueryParam("lastCursor", lastCursor == null ? absent() : equalTo(lastCursor))
                .willReturn(response));
    }

    public void detail(String noteId, ResponseDefinitionBuilder response) {
        wiremock.register(endpoint(DETAIL).withQueryParam("noteId", equalTo(noteId)).willReturn(response));
    }

    public void comments(String noteId, String lastCursor, ResponseDefinitionBuilder response) {
        wiremock.register(endpoint(COMMENTS).withQueryParam("noteId", equalTo(noteId))
                .withQueryParam("lastCursor", lastCursor == null ? absent() : equalTo(lastCursor))
                .willReturn(response));
    }

    public void replies(String noteId, String commentId, String lastCursor, ResponseDefinitionBuilder response) {
        wiremock.register(endpoint(REPLIES).withQueryParam("noteId", equalTo(noteId))
                .withQueryParam("commentId", equalTo(commentId))
                .withQueryParam("lastCursor", lastCursor == null ? absent() : equalTo(lastCursor))
                .willReturn(response));
    }

    /**
     * Answers calls of {@code path} whose query parameters are exactly {@code params} (a null value: the parameter is
     * absent) with {@code response}.
     */
    public void on(String path, Map<String, String> params, ResponseDefinitionBuilder response) {
        MappingBuilder mapping = endpoint(path);
        params.forEach((name, value) -> mapping.withQueryParam(name, value == null ? absent() : equalTo(value)));
        wiremock.register(mapping.willReturn(response));
    }

    /** Calls that reached {@code path}. */
    public int calls(String path) {
        return wiremock.find(getRequestedFor(urlPathEqualTo(path))).size();
    }

    /** Calls that reached {@code path} with the given query parameter. */
    public int calls(String path, String param, String value) {
        RequestPatternBuilder pattern = getRequestedFor(urlPathEqualTo(path)).withQueryParam(param, equalTo(value));
        return wiremock.find(pattern).size();
    }

    /** Every call that reached any endpoint. */
    public int totalCalls() {
        return wiremock.find(getRequestedFor(WireMock.anyUrl())).size();
    }

    private static MappingBuilder endpoint(String path) {
        return get(urlPathEqualTo(path)).withQueryParam("token", equalTo(TOKEN));
    }
}
