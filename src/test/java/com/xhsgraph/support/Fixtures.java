package com.xhsgraph.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.demo.FakeJustOneApi;
import com.xhsgraph.demo.Templates;

/**
 * Upstream response bodies for tests, from the project's one fake of Just One API ({@link FakeJustOneApi} and its
 * {@link Templates}): the recorded responses as they are, and pages of items with ids the test chooses, so that a test
 * can lay out a multi-page list on WireMock.
 */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeJustOneApi FAKE = new FakeJustOneApi(JSON, null);
    private static final Templates TEMPLATES = new Templates(JSON);

    private Fixtures() {}

    /** A recorded response, e.g. {@code get-user-v3.json}: one the demo serves, or one only tests use. */
    public static ObjectNode recorded(String name) {
        for (String folder : List.of("/demo/", "/justoneapi/")) {
            try (InputStream in = Fixtures.class.getResourceAsStream(folder + name)) {
                if (in != null) {
                    return (ObjectNode) JSON.readTree(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("no recorded response " + name);
    }

    /** Parses a body built by the methods below, to adjust it. */
    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test id: 24 hex characters that end with {@code n}. */
    public static String id(String prefix, int n) {
        String hex = String.format("%08x", n);
        return (prefix + "0".repeat(24)).substring(0, 24 - hex.length()) + hex;
    }

    /** A successful envelope around {@code data}. */
    public static String ok(JsonNode data) {
        return FAKE.ok(data).toString();
    }

    /** An error envelope with a business code. */
    public static String error(int code, String message) {
        return FAKE.envelope(code, message, null).toString();
    }

    /** A profile for {@code userId} with {@code fans} followers. */
    public static String profile(String userId, int fans) {
        ObjectNode data = TEMPLATES.profile(userId);
        data.put("fans", fans);
        return ok(data);
    }

    /**
     * A note-list page with the given note ids. {@code topLevelCursor} keeps {@code data.cursor} as newer responses
     * carry it; without it the next cursor is the last note's {@code cursor}, as in older responses.
     */
    public static String notePage(String userId, List<String> ids, boolean hasMore, boolean topLevelCursor) {
        List<ObjectNode> notes = new ArrayList<>();
        for (String id : ids) {
            ObjectNode note = TEMPLATES.listNote(id, userId);
            note.put("title", "note " + id);
            note.put("display_title", "note " + id);
            note.put("desc", "short text of " + id);
            notes.add(note);
        }
        ObjectNode envelope = FAKE.notePage(notes, hasMore, 1);
        if (!topLevelCursor || ids.isEmpty()) {
            ((ObjectNode) envelope.get("data")).remove("cursor");
        }
        return envelope.toString();
    }

    /** A page of top-level comments with the given ids, each with {@code replies} replies. */
    public static String commentPage(String noteId, List<String> ids, boolean hasMore, String cursor, int total,
            int replies) {
        List<ObjectNode> comments = new ArrayList<>();
        for (String id : ids) {
            ObjectNode comment = TEMPLATES.comment(id, noteId, replies);
            comment.put("content", "comment " + id);
            comments.add(comment);
        }
        return FAKE.commentPage(comments, hasMore, cursor, (long) total * (1 + replies), total, false).toString();
    }

    /** A page of replies under {@code rootId}; each reply answers the previous one, the first answers the root. */
    public static String replyPage(String noteId, String rootId, List<String> ids, boolean hasMore, String cursor) {
        List<ObjectNode> replies = new ArrayList<>();
        String target = rootId;
        for (String id : ids) {
            ObjectNode reply = TEMPLATES.reply(id, noteId, target);
            reply.put("content", "reply " + id);
            replies.add(reply);
            target = id;
        }
        return FAKE.replyPage(replies, hasMore, cursor).toString();
    }
}
