package com.xhsgraph.demo;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Items in Just One API's shapes, made from the recorded responses ({@link FakeJustOneApi.Recorded}) with the ids a
 * world or a test chooses: the one place that knows which recorded item stands for a note, a comment, a reply, a
 * profile and a note detail.
 */
public final class Templates {

    private final ObjectMapper json;
    private final ObjectNode note;
    private final ObjectNode comment;
    private final ObjectNode reply;
    private final ObjectNode profile;
    private final ObjectNode detail;

    public Templates(ObjectMapper json) {
        this.json = json;
        this.note = (ObjectNode) FakeJustOneApi.Recorded.read(json, "get-user-note-list-v4.json").at("/data/notes/0");
        this.comment = (ObjectNode) FakeJustOneApi.Recorded.read(json, "get-note-comment-v2.live.json")
                .at("/data/comments/0");
        this.reply = (ObjectNode) FakeJustOneApi.Recorded.read(json, "get-note-sub-comment-v2.json")
                .at("/data/comments/0");
        this.profile = (ObjectNode) FakeJustOneApi.Recorded.read(json, "get-user-v3.json").get("data");
        this.detail = (ObjectNode) FakeJustOneApi.Recorded.read(json, "get-note-detail-v1.json").at("/data/0");
    }

    /** {@code data} of a creator's profile. */
    public ObjectNode profile(String userId) {
        ObjectNode p = profile.deepCopy();
        p.put("userid", userId);
        return p;
    }

    /** A note as the note list gives it; its cursor is its id. */
    public ObjectNode listNote(String noteId, String userId) {
        ObjectNode n = note.deepCopy();
        n.put("id", noteId);
        n.put("cursor", noteId);
        n.put("sticky", false);
        ((ObjectNode) n.get("user")).put("userid", userId);
        return n;
    }

    /** {@code data} of a note detail: an array with the note. */
    public ArrayNode detail(String noteId) {
        ObjectNode element = detail.deepCopy();
        ((ObjectNode) element.at("/note_list/0")).put("id", noteId);
        ArrayNode data = json.createArrayNode();
        data.add(element);
        return data;
    }

    /** A top-level comment with {@code replies} replies and no inline preview of them. */
    public ObjectNode comment(String commentId, String noteId, int replies) {
        ObjectNode c = comment.deepCopy();
        c.put("id", commentId);
        c.put("note_id", noteId);
        c.put("sub_comment_count", replies);
        c.putArray("sub_comments");
        c.remove("sub_comment_cursor");
        c.remove("sub_comment_has_more");
        return c;
    }

    /**
     * {@code comment} with its first {@code shown} replies inline, as a comment page previews them: the replies, the
     * cursor after the last of them ({@code sub_comment_cursor}, a JSON string like the real one) and whether the
     * thread goes on.
     */
    public ObjectNode withPreview(ObjectNode comment, List<ObjectNode> replies, int shown) {
        List<ObjectNode> preview = replies.subList(0, Math.min(shown, replies.size()));
        ArrayNode items = comment.putArray("sub_comments");
        preview.forEach(r -> items.add(r.deepCopy()));
        if (!preview.isEmpty()) {
            ObjectNode cursor = json.createObjectNode();
            cursor.put("cursor", preview.get(preview.size() - 1).path("id").asText());
            cursor.put("index", 1);
            comment.put("sub_comment_cursor", cursor.toString());
        }
        comment.put("sub_comment_has_more", preview.size() < replies.size());
        return comment;
    }

    /** A reply answering {@code target} (the thread's root or another reply). */
    public ObjectNode reply(String replyId, String noteId, String target) {
        ObjectNode r = reply.deepCopy();
        r.put("id", replyId);
        r.put("note_id", noteId);
        ((ObjectNode) r.get("target_comment")).put("id", target);
        return r;
    }
}
