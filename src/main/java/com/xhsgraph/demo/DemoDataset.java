package com.xhsgraph.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo world: three creators with several pages of notes, each note with several pages of comments, each comment
 * with its reply thread. Built from the recorded Just One API example responses in {@code resources/demo}: the recorded
 * items appear as they are, and more are generated from them (same shapes, recycled texts, deterministic ids) so that
 * pagination can be tried. None of it is live data. Everything is generated once, at construction, and only read
 * afterwards.
 */
final class DemoDataset implements FakeJustOneApi.World {

    /** Each generated note's full text, kept beside its list form for the detail (and removed from the list). */
    static final String FULL_TEXT = "demo_full_text";

    /** The creator the README's examples use. */
    static final String DEMO_CREATOR = "5c2f338a000000000701e1c6";
    static final String BRAND_CREATOR = "5d1778df00000000160339d1";
    static final String VIDEO_CREATOR = "61e0f15300000000210253a5";
    static final String RECORDED_NOTE = "65bf5360000000002c03f684";
    static final String RECORDED_THREAD = "65bf56d3000000000803f4ec";

    private final ObjectMapper json;
    private final Map<String, ObjectNode> profiles = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> notesByUser = new LinkedHashMap<>();
    private final Map<String, ObjectNode> notes = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> commentsByNote = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> repliesByComment = new LinkedHashMap<>();
    private final Map<String, ObjectNode> comments = new LinkedHashMap<>();
    private final ObjectNode detailTemplate;
    private final ObjectNode listNoteTemplate;
    private final ObjectNode commentTemplate;
    private final ObjectNode replyTemplate;
    private final List<ObjectNode> recordedComments = new ArrayList<>();
    private final List<ObjectNode> recordedReplies = new ArrayList<>();
    private final List<JsonNode> commentUsers = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    DemoDataset(ObjectMapper json) {
        this.json = json;
        JsonNode detail = read("get-note-detail-v1.live.json").path("data").path(0);
        this.detailTemplate = (ObjectNode) detail;
        JsonNode list = read("get-user-note-list-v4.json").path("data").path("notes").path(0);
        this.listNoteTemplate = (ObjectNode) list;
        JsonNode liveComments = read("get-note-comment-v2.live.json").path("data").path("comments");
        JsonNode docComments = read("get-note-comment-v2.json").path("data").path("comments");
        JsonNode liveReplies = read("get-note-sub-comment-v2.live.json").path("data").path("comments");
        liveComments.forEach(c -> recordedComments.add((ObjectNode) c));
        liveReplies.forEach(r -> recordedReplies.add((ObjectNode) r));
        this.commentTemplate = recordedComments.get(0);
        this.replyTemplate = recordedReplies.get(0);
        for (JsonNode c : concat(liveComments, docComments, liveReplies)) {
            commentUsers.add(c.path("user"));
            String content = c.path("content").asText("");
            if (!content.isBlank()) {
                texts.add(content);
            }
        }
        buildCreators();
    }

    @Override
    public ObjectNode profile(String userId) {
        return profiles.get(userId);
    }

    /** A creator's notes in list form, pinned first then newest first; null for an unknown creator. */
    @Override
    public List<ObjectNode> notes(String userId) {
        return notesByUser.get(userId);
    }

    /** {@code data} of the note detail for a known note, else null. */
    @Override
    public ArrayNode detail(String noteId) {
        ObjectNode listed = notes.get(noteId);
        if (listed == null) {
            return null;
        }
        ObjectNode element = detailTemplate.deepCopy();
        ObjectNode note = (ObjectNode) element.path("note_list").path(0);
        if (!RECORDED_NOTE.equals(noteId)) {
            note.put("id", noteId);
            note.put("title", listed.path("title").asText());
            note.put("desc", listed.path(FULL_TEXT).asText());
            note.put("type", listed.path("type").asText());
            note.put("time", listed.path("create_time").asLong());
            note.put("last_update_time", listed.path("last_update_time").asLong());
            note.put("liked_count", listed.path("likes").asLong());
            note.put("collected_count", listed.path("collected_count").asLong());
            note.put("comments_count", listed.path("comments_count").asLong());
            note.put("shared_count", listed.path("share_count").asLong());
            note.put("sticky", listed.path("sticky").asBoolean());
            note.put("ip_location", profiles.get(listed.path("user").path("userid").asText()).path("ip_location")
                    .asText());
            ObjectNode author = note.putObject("user");
            JsonNode listUser = listed.path("user");
            author.put("id", listUser.path("userid").asText());
            author.put("userid", listUser.path("userid").asText());
            author.put("nickname", listUser.path("nickname").asText());
            author.put("name", listUser.path("nickname").asText());
            author.put("image", listUser.path("images").asText());
            author.put("red_id", profiles.get(listUser.path("userid").asText()).path("red_id").asText());
            element.set("user", author.deepCopy());
        }
        ArrayNode data = json.createArrayNode();
        data.add(element);
        return data;
    }

    /** A note's top-level comments, newest first; null for an unknown note. */
    @Override
    public List<ObjectNode> comments(String noteId) {
        return commentsByNote.get(noteId);
    }

    /** The replies under a top-level comment, oldest first; null for an unknown comment. */
    @Override
    public List<ObjectNode> replies(String noteId, String commentId) {
        ObjectNode comment = comments.get(commentId);
        if (comment == null || !noteId.equals(comment.path("note_id").asText())) {
            return null;
        }
        return repliesByComment.get(commentId);
    }

    /** The demo's three creators, whatever the keyword: their notes that mention it rank first. */
    @Override
    public List<String> creatorsFor(String keyword) {
        return List.of(DEMO_CREATOR, BRAND_CREATOR, VIDEO_CREATOR);
    }

    /**
     * Short links of the demo: {@value #DEMO_SHORT_LINK} leads to the demo creator's first note, and any other
     * {@code xhslink.com} link to the profile of the demo creator.
     */
    @Override
    public String shareLinkTarget(String link) {
        if (link.endsWith("/a/demo")) {
            return "https://www.xiaohongshu.com/discovery/item/" + notes(DEMO_CREATOR).get(0).path("id").asText()
                    + "?xsec_token=demo&xsec_source=app_share";
        }
        return link.contains("xhslink.com") ? "https://www.xiaohongshu.com/user/profile/" + DEMO_CREATOR : null;
    }

    static final String DEMO_SHORT_LINK = "http://xhslink.com/a/demo";

    private void buildCreators() {
        JsonNode demoProfile = read("get-user-v3.json").path("data");
        JsonNode brandProfile = read("get-user-v3.live.json").path("data");
        profiles.put(DEMO_CREATOR, (ObjectNode) demoProfile);
        profiles.put(BRAND_CREATOR, (ObjectNode) brandProfile);
        ObjectNode videoProfile = demoProfile.deepCopy();
        JsonNode author = detailTemplate.path("user");
        videoProfile.put("userid", VIDEO_CREATOR);
        videoProfile.put("nickname", author.path("nickname").asText());
        videoProfile.put("red_id", author.path("red_id").asText());
        videoProfile.put("images", author.path("image").asText());
        videoProfile.put("imageb", author.path("image").asText());
        videoProfile.put("desc", "Demo profile built from a recorded note detail.");
        videoProfile.put("ip_location", "中国香港");
        videoProfile.put("fans", 412_000);
        videoProfile.put("follows", 87);
        videoProfile.put("liked", 1_530_000);
        videoProfile.put("collected", 61_000);
        profiles.put(VIDEO_CREATOR, videoProfile);

        List<ObjectNode> recordedList = new ArrayList<>();
        read("get-user-note-list-v4.live-trimmed.json").path("data").path("notes")
                .forEach(n -> recordedList.add((ObjectNode) n));

        addNotes(DEMO_CREATOR, 23, List.of(listNoteTemplate.deepCopy()), 1_672_711_223L);
        addNotes(BRAND_CREATOR, 12, recordedList, 1_786_683_383L);
        addNotes(VIDEO_CREATOR, 4, List.of(recordedNoteAsListItem()), 1_707_037_536L);
        profiles.forEach((id, p) -> p.put("ndiscovery", notesByUser.get(id).size()));
        for (String noteId : notes.keySet()) {
            List<ObjectNode> noteComments = generateComments(noteId);
            commentsByNote.put(noteId, noteComments);
            for (ObjectNode comment : noteComments) {
                repliesByComment.put(comment.path("id").asText(), generateReplies(comment));
            }
        }
    }

    private void addNotes(String userId, int count, List<ObjectNode> recorded, long newest) {
        Random random = new Random(userId.hashCode());
        JsonNode profile = profiles.get(userId);
        List<ObjectNode> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode note;
            if (i < recorded.size()) {
                note = recorded.get(i);
                note.put(FULL_TEXT, note.path("desc").asText() + fullTextTail(random));
            } else {
                long time = newest - (long) i * 86_400 * 3 - random.nextInt(40_000);
                String id = objectId(time, random);
                note = listNoteTemplate.deepCopy();
                String text = text(random, i % 3 == 0 ? 6 : 1);
                String title = text(random, 1);
                note.put("id", id);
                note.put("cursor", id);
                note.put("title", truncate(title, 20));
                note.put("display_title", truncate(title, 20));
                note.put("desc", truncate(text, 100));
                note.put(FULL_TEXT, text);
                note.put("type", i % 4 == 1 ? "video" : "normal");
                note.put("create_time", time);
                note.put("last_update_time", i % 5 == 0 ? time + 3_600 : 0);
                note.put("likes", 50 + random.nextInt(5_000));
                note.put("comments_count", 23 + random.nextInt(40));
                note.put("collected_count", random.nextInt(800));
                note.put("share_count", random.nextInt(120));
                note.put("sticky", false);
                note.put("time_desc", "demo");
            }
            ObjectNode user = note.putObject("user");
            user.put("userid", userId);
            user.put("nickname", profile.path("nickname").asText());
            user.put("images", profile.path("images").asText());
            user.put("red_official_verify_type", profile.path("red_official_verify_type").asInt());
            list.add(note);
            notes.put(note.path("id").asText(), note);
        }
        notesByUser.put(userId, list);
    }

    private ObjectNode recordedNoteAsListItem() {
        JsonNode detail = detailTemplate.path("note_list").path(0);
        ObjectNode note = listNoteTemplate.deepCopy();
        note.put("id", RECORDED_NOTE);
        note.put("cursor", RECORDED_NOTE);
        note.put("title", detail.path("title").asText());
        note.put("display_title", detail.path("title").asText());
        note.put("desc", truncate(detail.path("desc").asText(), 100));
        note.put("type", detail.path("type").asText());
        note.put("create_time", detail.path("time").asLong());
        note.put("last_update_time", detail.path("last_update_time").asLong());
        note.put("likes", detail.path("liked_count").asLong());
        note.put("comments_count", detail.path("comments_count").asLong());
        note.put("collected_count", detail.path("collected_count").asLong());
        note.put("share_count", detail.path("shared_count").asLong());
        note.put("sticky", false);
        return note;
    }

    private List<ObjectNode> generateComments(String noteId) {
        Random random = new Random(noteId.hashCode());
        ObjectNode note = notes.get(noteId);
        String authorId = note.path("user").path("userid").asText();
        int count = 23 + random.nextInt(10);
        long time = RECORDED_NOTE.equals(noteId)
                ? recordedComments.stream().mapToLong(c -> c.path("time").asLong()).min().orElse(0)
                : note.path("create_time").asLong() + 86_400L * 30;
        List<ObjectNode> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode comment;
            if (RECORDED_NOTE.equals(noteId) && i < recordedComments.size()) {
                comment = recordedComments.get(i);
            } else {
                time -= 600 + random.nextInt(20_000);
                comment = commentTemplate.deepCopy();
                comment.put("id", objectId(time, random));
                comment.put("note_id", noteId);
                comment.put("content", text(random, 1));
                comment.put("time", time);
                comment.put("like_count", random.nextInt(300));
                comment.put("sub_comment_count", i % 3 == 0 ? 2 + random.nextInt(11) : 0);
                comment.set("user", commentUsers.get(random.nextInt(commentUsers.size())).deepCopy());
                comment.put("ip_location", i % 2 == 0 ? "广东" : "上海");
                comment.put("status", 0);
                comment.putArray("show_tags_v2");
                comment.putArray("sub_comments");
                comment.putArray("pictures");
                comment.put("comment_type", 0);
            }
            comment.put("note_id", noteId);
            comments.put(comment.path("id").asText(), comment);
            list.add(comment);
        }
        list.sort((a, b) -> Long.compare(b.path("time").asLong(), a.path("time").asLong()));
        note.put("comments_count", list.size() + list.stream().mapToLong(c -> c.path("sub_comment_count").asLong())
                .sum());
        return List.copyOf(list);
    }

    private List<ObjectNode> generateReplies(ObjectNode root) {
        String rootId = root.path("id").asText();
        int count = root.path("sub_comment_count").asInt();
        Random random = new Random(rootId.hashCode());
        long time = root.path("time").asLong();
        List<ObjectNode> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode reply;
            if (RECORDED_THREAD.equals(rootId) && i < recordedReplies.size()) {
                reply = recordedReplies.get(i);
            } else {
                time += 60 + random.nextInt(7_200);
                reply = replyTemplate.deepCopy();
                reply.put("id", objectId(time, random));
                reply.put("content", text(random, 1));
                reply.put("time", time);
                reply.put("like_count", random.nextInt(60));
                reply.set("user", commentUsers.get(random.nextInt(commentUsers.size())).deepCopy());
                reply.put("status", 0);
                ObjectNode targetOf = list.isEmpty() || random.nextBoolean()
                        ? root
                        : list.get(random.nextInt(list.size()));
                ObjectNode target = reply.putObject("target_comment");
                target.put("id", targetOf.path("id").asText());
                target.put("status", 0);
                target.set("user", targetOf.path("user").deepCopy());
            }
            reply.put("note_id", root.path("note_id").asText());
            list.add(reply);
        }
        return List.copyOf(list);
    }

    private String fullTextTail(Random random) {
        return "\n" + text(random, 2);
    }

    private String text(Random random, int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(texts.get(random.nextInt(texts.size())));
        }
        return text.toString();
    }

    private static String truncate(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    /** A 24-hex id that, like Xiaohongshu's, starts with its creation time. */
    private static String objectId(long epochSeconds, Random random) {
        return String.format("%08x%016x", epochSeconds, random.nextLong() & 0x0fff_ffff_ffff_ffffL);
    }

    private JsonNode read(String name) {
        return FakeJustOneApi.Recorded.read(json, name);
    }

    private static List<JsonNode> concat(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            array.forEach(all::add);
        }
        return all;
    }
}
