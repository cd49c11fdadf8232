package com.xhsgraph.upstream.justoneapi;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.xhsgraph.service.model.Answer;
import com.xhsgraph.service.model.CommentAuthorData;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.CommentExtras;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.ImageData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.NoteExtras;
import com.xhsgraph.service.model.NoteExtras.MentionData;
import com.xhsgraph.service.model.NoteExtras.StreamData;
import com.xhsgraph.service.model.NoteExtras.TagData;
import com.xhsgraph.service.model.NoteExtras.VideoData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ProfileExtras;
import com.xhsgraph.service.model.ReplyPreview;
import com.xhsgraph.service.model.ShareTarget;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.service.model.UpstreamException.Kind;
import com.xhsgraph.upstream.justoneapi.dto.JoaAt;
import com.xhsgraph.upstream.justoneapi.dto.JoaComment;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaImage;
import com.xhsgraph.upstream.justoneapi.dto.JoaListNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaMiniProgramInfo;
import com.xhsgraph.upstream.justoneapi.dto.JoaNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteDetail;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaPicture;
import com.xhsgraph.upstream.justoneapi.dto.JoaSearchNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaSearchNotePage;
import com.xhsgraph.upstream.justoneapi.dto.JoaSearchUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaSearchUserPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaTag;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaVideoInfo;

import io.quarkus.logging.Log;

/**
 * From the vendor's JSON to the service's model, with every item's raw JSON kept beside it. Items are read one by one
 * with lenient scalars ({@link LenientScalars}): an item that cannot be read at all is left out and logged, and its
 * page is kept, never refetched. Strings lose what PostgreSQL cannot store (NUL characters, lone surrogates).
 * Timestamps arrive as epoch seconds.
 */
final class JoaMapping {

    /** A topic in a note's text: {@code #name[话题]#}. */
    private static final Pattern TOPIC = Pattern.compile("#([^#\\[\\]\\n]{1,100})\\[话题]#");
    /** {@code imageView2/2/w/1440} or {@code imageView2/2/w/5000/h/5000}: the box a CDN variant fits in. */
    private static final Pattern BOX = Pattern.compile("imageView2/\\d/w/(\\d+)(?:/h/(\\d+))?");
    /** What stands in an id: anything else (a comma, a control character) makes an item unusable. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    private final ObjectMapper json;

    JoaMapping(ObjectMapper json) {
        this.json = json.copy().registerModule(new LenientScalars());
    }

    /** A complete profile; {@code requestedId} stands in when the answer leaves its own id out. */
    Answer<ProfileData> profile(JsonNode data, String requestedId) {
        JoaUser u = read(data, JoaUser.class, Endpoint.USER);
        if (u == null || (u.result() != null && Boolean.FALSE.equals(u.result().success()))
                || (blank(u.userid()) && blank(u.nickname()))) {
            throw new UpstreamException(Kind.NOT_FOUND, Endpoint.USER, 0, "Just One API has no such user");
        }
        String id = usableId(u.userid()) != null ? u.userid() : requestedId;
        Integer verifyType = u.redOfficialVerifyType();
        String verification = blankToNull(u.redOfficialVerifyContent());
        Boolean verified = Boolean.TRUE.equals(u.redOfficialVerified()) || (verifyType != null && verifyType > 0)
                || verification != null ? Boolean.TRUE : u.redOfficialVerified();
        List<ProfileExtras.UserTagData> tags = u.tags() == null
                ? List.of()
                : u.tags().stream()
                        .filter(t -> t != null && !blank(t.name())).map(t -> new ProfileExtras.UserTagData(t.tagType(),
                                clean(t.name())))
                        .toList();
        Integer level = u.level() == null ? null : u.level().number();
        ProfileExtras extras = new ProfileExtras(tags, level, blankToNull(u.shareLink()), verification, verifyType);
        ProfileData profile = new ProfileData(id, blankToNull(u.redId()), clean(u.nickname()),
                firstNonBlank(u.images(), u.imageb()), clean(u.desc()), blankToNull(u.ipLocation()), u.gender(),
                toInt(u.fans()), toInt(u.follows()), toInt(u.liked()), toInt(u.collected()), toInt(u.ndiscovery()),
                verified, extras, true, null);
        return new Answer<>(profile, Map.of(id, raw(data)));
    }

    /**
     * A page of a creator's notes. Newer answers carry {@code data.cursor}; older ones do not, and the next page is
     * then asked for with the last note's {@code cursor} (or its id).
     */
    Answer<Page<NoteData>> notePage(JsonNode data) {
        JoaNoteListPage page = read(data, JoaNoteListPage.class, Endpoint.NOTE_LIST);
        if (page == null) {
            throw unexpected(Endpoint.NOTE_LIST);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        List<NoteData> items = items(page.notes(), JoaListNote.class, Endpoint.NOTE_LIST, (n, node) -> {
            NoteData note = usableId(n.id()) == null ? null : listedNote(n);
            if (note != null) {
                raw.put(note.xhsId(), raw(node));
            }
            return note;
        });
        String next = page.cursor();
        if (blank(next) && page.notes() != null && !page.notes().isEmpty()) {
            JsonNode last = page.notes().get(page.notes().size() - 1);
            next = last == null ? null : firstNonBlank(last.path("cursor").asText(null), last.path("id").asText(null));
        }
        return new Answer<>(new Page<>(items, Boolean.TRUE.equals(page.hasMore()), next, null, null), raw);
    }

    /**
     * The note of a detail answer ({@code data[0].note_list[0]}), under the id it was asked for; its author may sit
     * beside it in {@code data[0]}.
     */
    Answer<NoteData> detail(JsonNode data, String requestedId) {
        JsonNode first = data != null && data.isArray() && !data.isEmpty() ? data.get(0) : null;
        JoaNoteDetail detail = first == null ? null : read(first, JoaNoteDetail.class, Endpoint.NOTE_DETAIL);
        JsonNode noteNode = detail == null || detail.noteList() == null || detail.noteList().isEmpty()
                ? null
                : detail.noteList().get(0);
        JoaNote n = noteNode == null ? null : read(noteNode, JoaNote.class, Endpoint.NOTE_DETAIL);
        if (n == null) {
            throw new UpstreamException(Kind.NOT_FOUND, Endpoint.NOTE_DETAIL, 0, "Just One API returned no note");
        }
        JoaNoteListUser user = n.user() != null ? n.user() : detail.user();
        String text = n.desc() == null ? "" : clean(n.desc());
        List<TagData> tags = n.hashTag() == null || n.hashTag().isEmpty()
                ? topics(text)
                : n.hashTag().stream().filter(t -> t != null && !blank(t.name()))
                        .filter(t -> t.type() == null || "topic".equals(t.type()))
                        .map(t -> new TagData(blankToNull(t.id()), clean(t.name()))).toList();
        NoteExtras extras = new NoteExtras(tags, mentions(n.ats()), video(n.videoInfoV2(), images(n.imagesList())),
                shareUrl(n));
        // the detail does not know whether the creator pinned the note: only the note list says so
        NoteData note = new NoteData(requestedId, author(user), clean(n.title()), null, text, n.type(), null,
                epochSeconds(n.time()), epochSeconds(n.lastUpdateTime()), toInt(n.likedCount()),
                toInt(n.commentsCount()), toInt(n.collectedCount()), toInt(n.sharedCount()),
                blankToNull(n.ipLocation()), images(n.imagesList()), extras, true, null);
        return new Answer<>(note, Map.of(requestedId, raw(noteNode)));
    }

    private static final Pattern XSEC_TOKEN = Pattern.compile("[?&]xsec_token=([^&#]+)");

    /**
     * The note's share link with the {@code xsec_token} that opens it: {@code share_info.link}, which some answers give
     * without the token; the token is then taken from the mini program's path or page, where those answers keep it.
     */
    static String shareUrl(JoaNote n) {
        String link = n.shareInfo() == null ? null : blankToNull(n.shareInfo().link());
        if (link == null || XSEC_TOKEN.matcher(link).find()) {
            return link;
        }
        JoaMiniProgramInfo mini = n.miniProgramInfo();
        for (String where : mini == null ? new String[0] : new String[]{mini.path(), mini.webpageUrl()}) {
            if (where == null) {
                continue;
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(where, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Matcher token = XSEC_TOKEN.matcher(decoded);
            if (token.find()) {
                return link + (link.contains("?") ? "&" : "?") + "xsec_token="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            }
        }
        return link;
    }

    /** A page of top-level comments of {@code noteId}, each with the replies the page previews inline. */
    Answer<Page<CommentData>> commentPage(JsonNode data, String noteId) {
        JoaCommentPage page = read(data, JoaCommentPage.class, Endpoint.COMMENTS);
        if (page == null) {
            throw unexpected(Endpoint.COMMENTS);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        List<CommentData> items = items(page.comments(), JoaComment.class, Endpoint.COMMENTS, (c, node) -> {
            if (usableId(c.id()) == null) {
                return null;
            }
            List<CommentData> replies = items(c.subComments(), JoaComment.class, Endpoint.COMMENTS,
                    (r, replyNode) -> {
                        if (usableId(r.id()) == null) {
                            return null;
                        }
                        raw.put(r.id(), raw(replyNode));
                        return comment(r, noteId, c.id(), ReplyPreview.NONE);
                    });
            raw.put(c.id(), raw(node));
            return comment(c, noteId, null, new ReplyPreview(replies, blankToNull(c.subCommentCursor()),
                    c.subCommentHasMore()));
        });
        Integer total = page.commentCountL1() == null ? null : (int) Math.min(Integer.MAX_VALUE, page.commentCountL1());
        return new Answer<>(new Page<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), total,
                blankToNull(page.currentSortStrategy()), null), raw);
    }

    /** A page of the replies in the thread under {@code rootId}; the upstream does not return the root, the request names it. */
    Answer<Page<CommentData>> replyPage(JsonNode data, String noteId, String rootId) {
        JoaCommentPage page = read(data, JoaCommentPage.class, Endpoint.REPLIES);
        if (page == null) {
            throw unexpected(Endpoint.REPLIES);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        List<CommentData> items = items(page.comments(), JoaComment.class, Endpoint.REPLIES, (r, node) -> {
            if (usableId(r.id()) == null) {
                return null;
            }
            raw.put(r.id(), raw(node));
            return comment(r, noteId, rootId, ReplyPreview.NONE);
        });
        return new Answer<>(new Page<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), null, null), raw);
    }

    /**
     * A page of note search results. Items that are not notes (ads, suggested queries) are left out; there is no
     * {@code has_more}, so the search goes on while a page has items, and the next page is the next number.
     */
    Answer<Page<NoteData>> searchNotePage(JsonNode data, int pageNumber) {
        JoaSearchNotePage page = read(data, JoaSearchNotePage.class, Endpoint.SEARCH_NOTES);
        if (page == null) {
            throw unexpected(Endpoint.SEARCH_NOTES);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        List<JsonNode> notes = new ArrayList<>();
        if (page.items() != null) {
            for (JsonNode item : page.items()) {
                JsonNode note = item == null ? null : item.get("note");
                if (note != null && note.isObject()) {
                    notes.add(note);
                }
            }
        }
        List<NoteData> items = items(notes, JoaSearchNote.class, Endpoint.SEARCH_NOTES, (n, node) -> {
            NoteData note = usableId(n.id()) == null ? null : foundNote(n);
            if (note != null) {
                raw.put(note.xhsId(), raw(node));
            }
            return note;
        });
        boolean more = page.items() != null && !page.items().isEmpty();
        return new Answer<>(new Page<>(items, more, String.valueOf(pageNumber + 1), null, null), raw);
    }

    /** A page of user search results: what a result tells of a user (name, avatar, Xiaohongshu number). */
    Answer<Page<ProfileData>> searchUserPage(JsonNode data, int pageNumber) {
        JoaSearchUserPage page = read(data, JoaSearchUserPage.class, Endpoint.SEARCH_USERS);
        if (page == null) {
            throw unexpected(Endpoint.SEARCH_USERS);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        List<ProfileData> items = items(page.users(), JoaSearchUser.class, Endpoint.SEARCH_USERS, (u, node) -> {
            if (usableId(u.id()) == null) {
                return null;
            }
            raw.put(u.id(), raw(node));
            return ProfileData.partial(u.id(), clean(u.name()), blankToNull(u.image()), blankToNull(u.redId()));
        });
        boolean more = page.users() != null && !page.users().isEmpty();
        return new Answer<>(new Page<>(items, more, String.valueOf(pageNumber + 1), null, null), raw);
    }

    /** Where a share link leads ({@code data.redirect_url}); NOT_FOUND when the upstream could not expand it. */
    Answer<ShareTarget> shareTarget(JsonNode data, String link) {
        String url = data == null ? null : data.path("redirect_url").asText(null);
        if (blank(url) || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new UpstreamException(Kind.NOT_FOUND, Endpoint.SHARE_LINK, 0,
                    "Just One API could not expand this share link");
        }
        return new Answer<>(new ShareTarget(link, url.strip(), null), Map.of());
    }

    /** A search result read as the listing it resembles (its publication time is {@code timestamp}). */
    private NoteData foundNote(JoaSearchNote n) {
        return listedNote(new JoaListNote(n.id(), null, n.title(), n.displayTitle(), n.desc(), n.type(),
                n.timestamp(), n.lastUpdateTime(), n.likedCount(), n.commentsCount(), n.collectedCount(),
                n.sharedCount(), null, null, n.imagesList(), n.user(), n.ats(), n.videoInfoV2()));
    }

    NoteData listedNote(JoaListNote n) {
        String title = firstNonBlank(clean(n.title()), clean(n.displayTitle()));
        String excerpt = clean(n.desc());
        List<ImageData> images = images(n.imagesList());
        NoteExtras extras = new NoteExtras(excerpt == null ? List.of() : topics(excerpt), mentions(n.ats()),
                video(n.videoInfoV2(), images), null);
        return new NoteData(n.id(), author(n.user()), title, excerpt, null, n.type(), n.sticky(),
                epochSeconds(n.createTime()), epochSeconds(n.lastUpdateTime()), toInt(n.likes()),
                toInt(n.commentsCount()), toInt(n.collectedCount()), toInt(n.shareCount()),
                blankToNull(n.ipLocation()), images, extras, false, null);
    }

    private <D, T> List<T> items(List<JsonNode> nodes, Class<D> type, Endpoint endpoint,
            BiFunction<D, JsonNode, T> map) {
        if (nodes == null) {
            return List.of();
        }
        List<T> items = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            D dto = node == null || !node.isObject() ? null : read(node, type, endpoint);
            T item = dto == null ? null : map.apply(dto, node);
            if (item != null) {
                items.add(item);
            } else {
                Log.warnf("%s returned an item this service cannot read; it is left out of its page", endpoint);
            }
        }
        return items;
    }

    private <D> D read(JsonNode node, Class<D> type, Endpoint endpoint) {
        try {
            return node == null || node.isNull() ? null : json.treeToValue(node, type);
        } catch (Exception e) {
            Log.debugf("%s: cannot read %s: %s", endpoint, type.getSimpleName(), e.getMessage());
            return null;
        }
    }

    private static UpstreamException unexpected(Endpoint endpoint) {
        Log.warnf("%s answered code 0 with data of an unexpected shape", endpoint);
        return new UpstreamException(Kind.UNAVAILABLE, endpoint, 0,
                "Just One API answered with data of an unexpected shape");
    }

    private static ProfileData author(JoaNoteListUser u) {
        if (u == null || usableId(u.xhsId()) == null) {
            return null;
        }
        return ProfileData.partial(u.xhsId(), clean(u.displayName()), u.avatar(), u.redId());
    }

    private static CommentData comment(JoaComment c, String noteId, String rootId, ReplyPreview preview) {
        String replyToId = null;
        CommentAuthorData replyToAuthor = null;
        if (rootId != null) {
            replyToId = c.targetComment() != null && usableId(c.targetComment().id()) != null
                    ? c.targetComment().id()
                    : rootId;
            replyToAuthor = c.targetComment() == null ? null : commentAuthor(c.targetComment().user(), false);
        }
        List<ImageData> pictures = c.pictures() == null
                ? List.of()
                : c.pictures().stream().filter(Objects::nonNull).map(JoaMapping::picture).filter(Objects::nonNull)
                        .toList();
        String note = usableId(c.noteId()) != null ? c.noteId() : noteId;
        List<String> labels = c.showTagsV2() == null
                ? List.of()
                : c.showTagsV2().stream()
                        .filter(t -> t != null && !blank(t.type())).map(JoaTag::type).distinct().toList();
        return new CommentData(c.id(), note, rootId, replyToId, replyToAuthor, clean(c.content()),
                epochSeconds(c.time()), toInt(c.likeCount()), blankToNull(c.ipLocation()),
                commentAuthor(c.user(), labels.contains("is_author")), pictures,
                rootId == null ? toInt(c.subCommentCount()) : null, c.status(), c.commentType(), preview,
                new CommentExtras(mentions(c.atUsers()), labels), true, null);
    }

    private static CommentAuthorData commentAuthor(JoaCommentUser u, boolean noteAuthor) {
        if (u == null) {
            return new CommentAuthorData(null, null, null, null, noteAuthor);
        }
        return new CommentAuthorData(clean(u.nickname()), blankToNull(u.images()), blankToNull(u.redId()),
                blankToNull(u.userid()), noteAuthor);
    }

    private static List<MentionData> mentions(List<JoaAt> ats) {
        if (ats == null) {
            return List.of();
        }
        return ats.stream().filter(a -> a != null && usableId(a.userId()) != null)
                .map(a -> new MentionData(a.userId(), clean(a.displayName()))).distinct()
                .limit(NoteExtras.MAX_MENTIONS).toList();
    }

    /** The topics marked in a text, in order: {@code #name[话题]#}. */
    static List<TagData> topics(String text) {
        List<TagData> tags = new ArrayList<>();
        Matcher m = TOPIC.matcher(text);
        while (m.find()) {
            TagData tag = new TagData(null, m.group(1).trim());
            if (!tag.name().isEmpty() && !tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** A video note's video: its length, its cover (the note's first image) and its streams, default first. */
    private static VideoData video(JoaVideoInfo info, List<ImageData> images) {
        if (info == null) {
            return null;
        }
        Long seconds = info.media() != null && info.media().video() != null ? info.media().video().duration() : null;
        if (seconds == null && info.capa() != null) {
            seconds = info.capa().duration();
        }
        List<JoaVideoInfo.Stream> all = new ArrayList<>();
        if (info.media() != null && info.media().stream() != null) {
            if (info.media().stream().h264() != null) {
                all.addAll(info.media().stream().h264());
            }
            if (info.media().stream().h265() != null) {
                all.addAll(info.media().stream().h265());
            }
        }
        List<StreamData> streams = all.stream().filter(s -> s != null && !blank(s.masterUrl()))
                .sorted(Comparator
                        .comparing((JoaVideoInfo.Stream s) -> s.defaultStream() == null ? 0 : s.defaultStream())
                        .reversed().thenComparing(s -> s.width() == null ? 0 : s.width(), Comparator.reverseOrder()))
                .map(s -> new StreamData(s.masterUrl(), s.videoCodec(), s.qualityType(), s.width(), s.height(),
                        s.size()))
                .toList();
        ImageData cover = !images.isEmpty()
                ? images.get(0)
                : info.image() == null || blank(info.image().firstFrame())
                        ? null
                        : new ImageData(info.image().firstFrame(), null, null);
        return new VideoData(toInt(seconds), cover, streams);
    }

    /**
     * A note's images, each as its largest variant: the detail lists {@code original} (w/5000), the note list
     * {@code url_size_large} (w/1440; its {@code url} is often empty). {@code width} and {@code height} are the original
     * image's; the variant's are those scaled into the box its URL asks the CDN for.
     */
    private static List<ImageData> images(List<JoaImage> images) {
        if (images == null) {
            return List.of();
        }
        return images.stream().filter(Objects::nonNull)
                .map(i -> variant(firstNonBlank(i.original(), i.urlSizeLarge(), i.url()), i.width(), i.height()))
                .filter(Objects::nonNull)
                .toList();
    }

    /** A comment picture as its largest variant ({@code origin_url}, w/1280, over {@code url}, w/360). */
    private static ImageData picture(JoaPicture p) {
        return variant(firstNonBlank(p.originUrl(), p.url()), p.width(), p.height());
    }

    /** The image at {@code url}, sized as the box in its URL makes an original of {@code width} x {@code height}. */
    static ImageData variant(String url, Integer width, Integer height) {
        if (url == null) {
            return null;
        }
        if (width == null || height == null || width <= 0 || height <= 0) {
            return new ImageData(url, null, null);
        }
        Matcher box = BOX.matcher(url);
        if (!box.find()) {
            return new ImageData(url, width, height);
        }
        double scale = Math.min(1.0, Double.parseDouble(box.group(1)) / width);
        if (box.group(2) != null) {
            scale = Math.min(scale, Double.parseDouble(box.group(2)) / height);
        }
        return new ImageData(url, (int) Math.round(width * scale), (int) Math.round(height * scale));
    }

    /** The item's JSON as stored: without what PostgreSQL's jsonb refuses (NUL characters, lone surrogates). */
    private String raw(JsonNode node) {
        try {
            return json.writeValueAsString(sanitised(node));
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode sanitised(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String clean = clean(text);
            return clean == text ? node : TextNode.valueOf(clean);
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode value = sanitised(field.getValue());
                String name = clean(field.getKey());
                if (value != field.getValue() || !name.equals(field.getKey())) {
                    if (copy == null) {
                        copy = ((ObjectNode) node).deepCopy();
                    }
                    copy.remove(field.getKey());
                    copy.set(name, value);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = sanitised(node.get(i));
                if (value != node.get(i)) {
                    if (copy == null) {
                        copy = ((ArrayNode) node).deepCopy();
                    }
                    copy.set(i, value);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    /** A string without NUL characters and lone surrogates (which PostgreSQL cannot store); the same one if clean. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c == 0
                    || (Character.isHighSurrogate(c)
                            && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
            if (bad && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null && !bad) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** The id when it can stand as one (letters, digits, {@code -} and {@code _}, at most 64); else null. */
    static String usableId(String id) {
        return id != null && ID.matcher(id).matches() ? id : null;
    }

    static Instant epochSeconds(Long seconds) {
        return seconds == null || seconds <= 0 || seconds > 32_503_680_000L ? null : Instant.ofEpochSecond(seconds);
    }

    static Integer toInt(Long value) {
        if (value == null) {
            return null;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return blank(s) ? null : clean(s);
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }
}
