package com.xhsgraph.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upstream response bodies for tests: the recorded Just One API fixtures as they are, and pages built from their items
 * with ids the test chooses, so that a test can lay out a multi-page list.
 */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** A recorded fixture, e.g. {@code get-user-v3.json}. */
    public static ObjectNode recorded(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/justoneapi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("code", 0);
        envelope.putNull("message");
        envelope.set("data", data);
        envelope.putNull("recordTime");
        return envelope.toString();
    }

    /** An error envelope with a business code. */
    public static String error(int code, String message) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.putNull("data");
        return envelope.toString();
    }

    /** A profile for {@code userId}, from the docs example. */
    public static String profile(String userId, int fans) {
        ObjectNode data = (ObjectNode) recorded("get-user-v3.json").get("data").deepCopy();
        data.put("userid", userId);
        data.put("fans", fans);
        return ok(data);
    }

    /**
     * A note-list page with the given note ids. {@code topLevelCursor} adds {@code data.cursor} as newer responses
     * do; without it the next cursor is the last note's {@code cursor}.
     */
    public static String notePage(String userId, List<String> ids, boolean hasMore, boolean topLevelCursor) {
        ObjectNode template = (ObjectNode) recorded("get-user-note-list-v4.json").at("/data/notes/0");
        ObjectNode data = JSON.createObjectNode();
        ArrayNode notes = data.putArray("notes");
        for (String id : ids) {
            ObjectNode note = template.deepCopy();
            note.put("id", id);
            note.put("cursor", id);
            note.put("title", "note " + id);
            note.put("display_title", "note " + id);
            note.put("desc", "short text of " + id);
            note.put("sticky", false);
            ((ObjectNode) note.get("user")).put("userid", userId);
            notes.add(note);
        }
        data.put("has_more", hasMore);
        if (topLevelCursor && !ids.isEmpty()) {
            data.put("cursor", ids.get(ids.size() - 1));
        }
        data.putArray("tags");
        return ok(data);
    }

    /** A page of top-level comments with the given ids, each with {@code replies} replies. */
    public static String commentPage(String noteId, List<String> ids, boolean hasMore, String cursor, int total,
            int replies) {
        ObjectNode template = (ObjectNode) recorded("get-note-comment-v2.live.json").at("/data/comments/0");
        ObjectNode data = JSON.createObjectNode();
        ArrayNode comments = data.putArray("comments");
        for (String id : ids) {
            ObjectNode comment = template.deepCopy();
            comment.put("id", id);
            comment.put("note_id", noteId);
            comment.put("content", "comment " + id);
            comment.put("sub_comment_count", replies);
            comments.add(comment);
        }
        data.put("has_more", hasMore);
        data.put("cursor", cursor);
        data.put("comment_count", total * (1 + replies));
        data.put("comment_count_l1", total);
        return ok(data);
    }

    /** A page of replies under {@code rootId}; each reply answers the previous one, the first answers the root. */
    public static String replyPage(String noteId, String rootId, List<String> ids, boolean hasMore, String cursor) {
        ObjectNode template = (ObjectNode) recorded("get-note-sub-comment-v2.json").at("/data/comments/0");
        ObjectNode data = JSON.createObjectNode();
        ArrayNode replies = data.putArray("comments");
        String target = rootId;
        for (String id : ids) {
            ObjectNode reply = template.deepCopy();
            reply.put("id", id);
            reply.put("note_id", noteId);
            reply.put("content", "reply " + id);
            ((ObjectNode) reply.get("target_comment")).put("id", target);
            replies.add(reply);
            target = id;
        }
        data.put("has_more", hasMore);
        data.put("cursor", cursor);
        return ok(data);
    }
}
