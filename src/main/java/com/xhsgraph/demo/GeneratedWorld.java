package com.xhsgraph.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A world in which every id exists: any creator has {@code notesPerUser} notes, any note {@code commentsPerNote}
 * comments, and comment {@code i} of a note has {@code repliesOf(i)} replies, of which its comment page previews the
 * first {@code previewOf(replies)} inline. Items are the recorded ones with deterministic ids derived from their
 * parent's, built once per parent and then served from memory. For the benchmark and for tests that need a large or
 * shaped world.
 */
public final class GeneratedWorld implements FakeJustOneApi.World {

    private final int notesPerUser;
    private final int commentsPerNote;
    private final IntUnaryOperator repliesOf;
    private final IntUnaryOperator previewOf;
    private final Templates templates;
    private final Map<String, List<ObjectNode>> notes = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> comments = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> replies = new ConcurrentHashMap<>();

    /** A world whose comment pages preview no replies, as live pages mostly do. */
    public GeneratedWorld(ObjectMapper json, int notesPerUser, int commentsPerNote, IntUnaryOperator repliesOf) {
        this(json, notesPerUser, commentsPerNote, repliesOf, replies -> 0);
    }

    public GeneratedWorld(ObjectMapper json, int notesPerUser, int commentsPerNote, IntUnaryOperator repliesOf,
            IntUnaryOperator previewOf) {
        this.notesPerUser = notesPerUser;
        this.commentsPerNote = commentsPerNote;
        this.repliesOf = repliesOf;
        this.previewOf = previewOf;
        this.templates = new Templates(json);
    }

    /**
     * Replies as real threads have them: 7 comments in 10 have none, 2 have one to three (all previewed inline), and 1
     * has a long thread of 12 (its first reply previewed).
     */
    public static GeneratedWorld withRealReplyMix(ObjectMapper json, int notesPerUser, int commentsPerNote) {
        return new GeneratedWorld(json, notesPerUser, commentsPerNote, i -> switch (i % 10) {
            case 7 -> 1 + (i / 10) % 3;
            case 8 -> 3 - (i / 10) % 3;
            case 9 -> 12;
            default -> 0;
        }, replies -> replies <= 3 ? replies : 1);
    }

    @Override
    public ObjectNode profile(String userId) {
        ObjectNode p = templates.profile(userId);
        p.put("ndiscovery", notesPerUser);
        return p;
    }

    @Override
    public List<ObjectNode> notes(String userId) {
        return notes.computeIfAbsent(userId, id -> {
            List<ObjectNode> list = new ArrayList<>(notesPerUser);
            for (int i = 0; i < notesPerUser; i++) {
                list.add(templates.listNote(id(id, i), id));
            }
            return List.copyOf(list);
        });
    }

    @Override
    public ArrayNode detail(String noteId) {
        return templates.detail(noteId);
    }

    @Override
    public List<ObjectNode> comments(String noteId) {
        return comments.computeIfAbsent(noteId, id -> {
            List<ObjectNode> list = new ArrayList<>(commentsPerNote);
            for (int i = 0; i < commentsPerNote; i++) {
                String commentId = id(id, i);
                int count = repliesOf.applyAsInt(i);
                ObjectNode comment = templates.comment(commentId, id, count);
                int shown = previewOf.applyAsInt(count);
                if (shown > 0) {
                    templates.withPreview(comment, thread(id, commentId, count), shown);
                }
                list.add(comment);
            }
            return List.copyOf(list);
        });
    }

    @Override
    public List<ObjectNode> replies(String noteId, String rootId) {
        int index = indexOf(comments(noteId), rootId);
        return thread(noteId, rootId, index < 0 ? 0 : repliesOf.applyAsInt(index));
    }

    /** Three creators derived from the keyword: every search finds someone. */
    @Override
    public List<String> creatorsFor(String keyword) {
        String parent = "search:" + keyword;
        return List.of(id(parent, 0), id(parent, 1), id(parent, 2));
    }

    /** Every short link leads to the first note of a creator derived from the link. */
    @Override
    public String shareLinkTarget(String link) {
        String creator = id("link:" + link, 0);
        return "https://www.xiaohongshu.com/discovery/item/" + notes(creator).get(0).path("id").asText()
                + "?xsec_token=fake&xsec_source=app_share";
    }

    private List<ObjectNode> thread(String noteId, String rootId, int count) {
        return replies.computeIfAbsent(rootId, id -> {
            List<ObjectNode> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(templates.reply(id(id, i), noteId, id));
            }
            return List.copyOf(list);
        });
    }

    private static int indexOf(List<ObjectNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    /** A 24-hex id derived from a parent id and an index. */
    static String id(String parent, int index) {
        return String.format("%016x%08x", parent.hashCode() & 0xffffffffL | 0x6500000000000000L, index);
    }
}
