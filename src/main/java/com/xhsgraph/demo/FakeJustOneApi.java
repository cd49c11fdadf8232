package com.xhsgraph.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.service.model.Endpoint;

/**
 * The one fake of Just One API: what the five endpoints answer, with the real envelope, cursors and page sizes, for the
 * creators, notes, comments and replies of a {@link World}. The built-in demo serves it over this service's own HTTP
 * port ({@link DemoUpstreamRoutes}, with {@link DemoDataset}); the benchmark serves it on a port of its own with an
 * added latency (with a generated world); tests lay out pages with its builders ({@link #notePage}, ...) on WireMock.
 * Every item is built from the recorded responses in {@code resources/demo} ({@link Recorded}).
 */
public final class FakeJustOneApi {

    /** What the fake knows: items in the upstream's list form. Null means "no such thing". */
    public interface World {
        /** {@code data} of the profile of {@code userId}. */
        ObjectNode profile(String userId);

        /** The creator's notes as the note list gives them, pinned first then newest first. */
        List<ObjectNode> notes(String userId);

        /** {@code data} of the note detail: an array with one element. */
        ArrayNode detail(String noteId);

        /** The note's top-level comments, newest first. */
        List<ObjectNode> comments(String noteId);

        /** The replies under a top-level comment, oldest first. */
        List<ObjectNode> replies(String noteId, String rootId);

        /** The creators a search for {@code keyword} looks through: their notes and profiles are its results. */
        default List<String> creatorsFor(String keyword) {
            return List.of();
        }

        /** Where a share link leads (a xiaohongshu.com URL), or null for a link the world does not know. */
        default String shareLinkTarget(String link) {
            return null;
        }
    }

    /** Results per search page. */
    static final int SEARCH_PAGE = 20;

    /** An HTTP answer: status and body. */
    public record Answer(int status, byte[] body) {}

    private static final Pattern ID = Pattern.compile("([0-9a-f]{24})");

    private final ObjectMapper json;
    private final World world;

    public FakeJustOneApi(ObjectMapper json, World world) {
        this.json = json;
        this.world = world;
    }

    /**
     * The answer to a call of {@code endpoint} (its path, e.g. {@code get-user/v3}) with these query parameters: what
     * Just One API would answer, with code 100 for a missing token and 400 for a cursor it never gave.
     */
    public Answer answer(String endpoint, Function<String, String> parameter) {
        String token = parameter.apply("token");
        ObjectNode envelope;
        if (token == null || token.isBlank()) {
            envelope = envelope(100, "Invalid or inactive token", null);
        } else {
            try {
                envelope = switch (endpoint) {
                    case Endpoint.Names.USER -> ok(world.profile(id(parameter.apply("userId"))));
                    case Endpoint.Names.NOTE_LIST -> notes(parameter);
                    case Endpoint.Names.NOTE_DETAIL -> ok(world.detail(id(parameter.apply("noteId"))));
                    case Endpoint.Names.COMMENTS -> comments(parameter);
                    case Endpoint.Names.REPLIES -> replies(parameter);
                    case Endpoint.Names.SEARCH_NOTES -> searchNotes(parameter);
                    case Endpoint.Names.SEARCH_USERS -> searchUsers(parameter);
                    case Endpoint.Names.SHARE_LINK -> shareLink(parameter.apply("shareUrl"));
                    default -> envelope(400, "The fake does not serve " + endpoint, null);
                };
            } catch (BadCursor e) {
                envelope = envelope(400, "Invalid parameters: lastCursor", null);
            }
        }
        return new Answer(200, bytes(envelope));
    }

    private ObjectNode notes(Function<String, String> parameter) {
        String userId = id(parameter.apply("userId"));
        List<ObjectNode> notes = userId == null ? null : world.notes(userId);
        if (notes == null) {
            return ok(null);
        }
        String lastCursor = parameter.apply("lastCursor");
        int from = lastCursor == null || lastCursor.isEmpty() ? 0 : indexAfter(notes, lastCursor);
        List<ObjectNode> page = slice(notes, from, Endpoint.NOTE_LIST.pageSize());
        return notePage(page, from + page.size() < notes.size(), from / Endpoint.NOTE_LIST.pageSize() + 1);
    }

    private ObjectNode comments(Function<String, String> parameter) {
        String noteId = id(parameter.apply("noteId"));
        List<ObjectNode> all = noteId == null ? null : world.comments(noteId);
        if (all == null) {
            return commentPage(List.of(), false, "", 0, 0, false);
        }
        String sort = parameter.apply("sort");
        List<ObjectNode> ordered = all;
        if ("like_count".equals(sort)) {
            ordered = new ArrayList<>(all);
            ordered.sort(Comparator.comparingLong((ObjectNode c) -> c.path("like_count").asLong()).reversed());
        }
        int from = after(ordered, parameter.apply("lastCursor"));
        List<ObjectNode> page = slice(ordered, from, Endpoint.COMMENTS.pageSize());
        long total = all.size() + all.stream().mapToLong(c -> c.path("sub_comment_count").asLong()).sum();
        return commentPage(page, from + page.size() < ordered.size(), cursor(page, from, "ALL"), total, all.size(),
                "like_count".equals(sort));
    }

    private ObjectNode replies(Function<String, String> parameter) {
        String noteId = id(parameter.apply("noteId"));
        String commentId = id(parameter.apply("commentId"));
        List<ObjectNode> all = noteId == null || commentId == null ? null : world.replies(noteId, commentId);
        if (all == null) {
            return replyPage(List.of(), false, "");
        }
        int from = after(all, parameter.apply("lastCursor"));
        List<ObjectNode> page = slice(all, from, Endpoint.REPLIES.pageSize());
        return replyPage(page, from + page.size() < all.size(), cursor(page, from, null));
    }

    /**
     * A page of notes a keyword finds among the world's creators: those whose text holds the keyword first, then the
     * others, in the requested order; no {@code has_more}, like the real endpoint (an empty page ends the results).
     */
    private ObjectNode searchNotes(Function<String, String> parameter) {
        String keyword = parameter.apply("keyword");
        if (keyword == null || keyword.isBlank()) {
            return envelope(400, "Invalid parameters: keyword", null);
        }
        String needle = keyword.toLowerCase(java.util.Locale.ROOT);
        String type = parameter.apply("noteType");
        List<ObjectNode> matching = new ArrayList<>();
        List<ObjectNode> others = new ArrayList<>();
        for (String creator : world.creatorsFor(keyword)) {
            List<ObjectNode> notes = world.notes(creator);
            for (ObjectNode n : notes == null ? List.<ObjectNode>of() : notes) {
                if (("_1".equals(type) && !"video".equals(n.path("type").asText()))
                        || ("_2".equals(type) && !"normal".equals(n.path("type").asText()))) {
                    continue;
                }
                String text = (n.path("title").asText("") + " " + n.path("display_title").asText("") + " "
                        + n.path("desc").asText("")).toLowerCase(java.util.Locale.ROOT);
                (text.contains(needle) ? matching : others).add(n);
            }
        }
        List<ObjectNode> all = new ArrayList<>(matching);
        all.addAll(others);
        Comparator<ObjectNode> order = switch (String.valueOf(parameter.apply("sort"))) {
            case "time_descending" -> Comparator.comparingLong((ObjectNode n) -> n.path("create_time").asLong())
                    .reversed();
            case "popularity_descending" -> Comparator.comparingLong((ObjectNode n) -> n.path("likes").asLong())
                    .reversed();
            case "comment_descending" -> Comparator
                    .comparingLong((ObjectNode n) -> n.path("comments_count").asLong()).reversed();
            case "collect_descending" -> Comparator
                    .comparingLong((ObjectNode n) -> n.path("collected_count").asLong()).reversed();
            default -> null;
        };
        if (order != null) {
            all.sort(order);
        }
        int page = page(parameter.apply("page"));
        ObjectNode data = json.createObjectNode();
        ArrayNode items = data.putArray("items");
        for (ObjectNode n : slice(all, (page - 1) * SEARCH_PAGE, SEARCH_PAGE)) {
            ObjectNode item = items.addObject();
            item.put("model_type", "note");
            item.set("note", searchNote(n));
        }
        data.put("search_request_id", "fake-" + Integer.toHexString(keyword.hashCode()));
        return ok(data);
    }

    /** A listed note in the form a search result gives it. */
    private ObjectNode searchNote(ObjectNode listed) {
        ObjectNode n = json.createObjectNode();
        n.put("id", listed.path("id").asText());
        n.put("type", listed.path("type").asText("normal"));
        n.put("desc", listed.path("desc").asText(""));
        n.put("liked_count", listed.path("likes").asLong());
        n.put("collected_count", listed.path("collected_count").asLong());
        n.put("comments_count", listed.path("comments_count").asLong());
        n.put("shared_count", listed.path("share_count").asLong());
        n.put("timestamp", listed.path("create_time").asLong());
        n.put("last_update_time", 0);
        n.set("images_list", listed.path("images_list").deepCopy());
        if (listed.has("video_info_v2")) {
            n.set("video_info_v2", listed.get("video_info_v2").deepCopy());
        }
        ObjectNode user = n.putObject("user");
        JsonNode author = listed.path("user");
        user.put("userid", author.path("userid").asText());
        user.put("nickname", author.path("nickname").asText());
        user.put("images", author.path("images").asText());
        n.put("xsec_token", "fake-token");
        return n;
    }

    /** The first page of users a keyword finds: the world's creators for it. */
    private ObjectNode searchUsers(Function<String, String> parameter) {
        String keyword = parameter.apply("keyword");
        if (keyword == null || keyword.isBlank()) {
            return envelope(400, "Invalid parameters: keyword", null);
        }
        ObjectNode data = json.createObjectNode();
        ArrayNode users = data.putArray("users");
        List<String> creators = world.creatorsFor(keyword);
        int page = page(parameter.apply("page"));
        for (String creator : creators.subList(Math.min(creators.size(), (page - 1) * SEARCH_PAGE),
                Math.min(creators.size(), page * SEARCH_PAGE))) {
            ObjectNode profile = world.profile(creator);
            if (profile == null) {
                continue;
            }
            ObjectNode u = users.addObject();
            u.put("id", creator);
            u.put("name", profile.path("nickname").asText());
            u.put("red_id", profile.path("red_id").asText(""));
            u.put("image", profile.path("images").asText(""));
            u.put("desc", "小红书号：" + profile.path("red_id").asText(""));
            u.put("link", "xhsdiscover://1/user/user." + creator);
        }
        data.putArray("filters");
        return ok(data);
    }

    private ObjectNode shareLink(String link) {
        String target = link == null ? null : world.shareLinkTarget(link);
        if (target == null) {
            return envelope(400, "Invalid parameters: shareUrl", null);
        }
        ObjectNode data = json.createObjectNode();
        data.put("redirect_url", target);
        return ok(data);
    }

    private static int page(String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code data} of a page of notes; the next page is asked for with the last note's cursor. */
    public ObjectNode notePage(List<ObjectNode> notes, boolean hasMore, int pageNumber) {
        ObjectNode data = json.createObjectNode();
        ArrayNode items = data.putArray("notes");
        notes.forEach(n -> {
            ObjectNode copy = n.deepCopy();
            copy.remove(DemoDataset.FULL_TEXT);
            items.add(copy);
        });
        data.put("has_more", hasMore);
        data.put("cursor", notes.isEmpty() ? "" : notes.get(notes.size() - 1).path("cursor").asText());
        data.put("page", pageNumber);
        data.put("total_pages", 0);
        data.putArray("tags");
        return ok(data);
    }

    /** {@code data} of a page of top-level comments. */
    public ObjectNode commentPage(List<ObjectNode> comments, boolean hasMore, String cursor, long total, long totalL1,
            boolean byLikes) {
        ObjectNode data = json.createObjectNode();
        data.putArray("comments").addAll(comments);
        data.put("has_more", hasMore);
        data.put("cursor", cursor);
        data.put("comment_count", total);
        data.put("comment_count_l1", totalL1);
        data.put("current_sort_strategy", byLikes ? "like_count" : "latest_v2");
        data.putArray("all_sort_strategies");
        return ok(data);
    }

    /** {@code data} of a page of replies. */
    public ObjectNode replyPage(List<ObjectNode> replies, boolean hasMore, String cursor) {
        ObjectNode data = json.createObjectNode();
        data.putArray("comments").addAll(replies);
        data.put("has_more", hasMore);
        data.put("cursor", cursor);
        return ok(data);
    }

    /** A successful envelope around {@code data} (null data: the thing does not exist). */
    public ObjectNode ok(JsonNode data) {
        return envelope(0, null, data);
    }

    /** An envelope with a business code. */
    public ObjectNode envelope(int code, String message, JsonNode data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.set("data", data);
        envelope.putNull("recordTime");
        return envelope;
    }

    /** Comment and reply cursors are JSON strings naming the last item, like the real ones. */
    private String cursor(List<ObjectNode> page, int from, String pageArea) {
        if (page.isEmpty()) {
            return "";
        }
        ObjectNode cursor = json.createObjectNode();
        cursor.put("cursor", page.get(page.size() - 1).path("id").asText());
        cursor.put("index", from / Math.max(1, page.size()) + 2);
        if (pageArea != null) {
            cursor.put("pageArea", pageArea);
        }
        return cursor.toString();
    }

    private int after(List<ObjectNode> items, String lastCursor) {
        if (lastCursor == null || lastCursor.isEmpty()) {
            return 0;
        }
        try {
            return indexAfter(items, json.readTree(lastCursor).path("cursor").asText());
        } catch (JsonProcessingException e) {
            throw new BadCursor();
        }
    }

    private static int indexAfter(List<ObjectNode> items, String lastId) {
        for (int i = 0; i < items.size(); i++) {
            if (lastId.equals(items.get(i).path("id").asText())) {
                return i + 1;
            }
        }
        throw new BadCursor();
    }

    private static List<ObjectNode> slice(List<ObjectNode> items, int from, int size) {
        return items.subList(Math.min(from, items.size()), Math.min(from + size, items.size()));
    }

    private static String id(String param) {
        if (param == null) {
            return null;
        }
        Matcher m = ID.matcher(param);
        return m.find() ? m.group(1) : null;
    }

    public byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class BadCursor extends RuntimeException {
        BadCursor() {
            super(null, null, false, false);
        }
    }

    /** The recorded Just One API responses the fake builds its items from ({@code resources/demo}). */
    public static final class Recorded {

        private Recorded() {}

        /** A recorded response, e.g. {@code get-user-v3.json}. */
        public static ObjectNode read(ObjectMapper json, String name) {
            try (InputStream in = Recorded.class.getResourceAsStream("/demo/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing recorded response " + name);
                }
                return (ObjectNode) json.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
