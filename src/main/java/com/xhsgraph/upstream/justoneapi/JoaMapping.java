package com.xhsgraph.upstream.justoneapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.xhsgraph.service.model.CommentAuthorData;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.ImageData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.service.model.UpstreamException.Kind;
import com.xhsgraph.upstream.justoneapi.dto.JoaComment;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaImage;
import com.xhsgraph.upstream.justoneapi.dto.JoaListNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteDetail;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaPicture;
import com.xhsgraph.upstream.justoneapi.dto.JoaTag;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

/** Pure functions from the vendor's JSON records to the service's model. Timestamps arrive as epoch seconds. */
final class JoaMapping {

    private JoaMapping() {}

    /** A complete profile; {@code requestedId} stands in when the answer leaves its own id out. */
    static ProfileData profile(JoaUser u, String requestedId) {
        String id = u.userid() != null && !u.userid().isBlank() ? u.userid() : requestedId;
        return new ProfileData(id, blankToNull(u.redId()), u.nickname(), firstNonBlank(u.images(), u.imageb()),
                u.desc(), blankToNull(u.ipLocation()), u.gender(), toInt(u.fans()), toInt(u.follows()),
                toInt(u.liked()), toInt(u.collected()), toInt(u.ndiscovery()), u.redOfficialVerified(), true, null);
    }

    /**
     * A page of a creator's notes. Newer answers carry {@code data.cursor}; older ones do not, and the next page is
     * then asked for with the last note's {@code cursor} (or its id).
     */
    static Page<NoteData> notePage(JoaNoteListPage page) {
        List<JoaListNote> notes = page.notes() == null ? List.of() : page.notes();
        List<NoteData> items = notes.stream().filter(n -> n != null && n.id() != null).map(JoaMapping::listedNote)
                .toList();
        String next = page.cursor();
        if ((next == null || next.isBlank()) && !notes.isEmpty()) {
            JoaListNote last = notes.get(notes.size() - 1);
            next = last == null ? null : last.cursor() != null && !last.cursor().isBlank() ? last.cursor() : last.id();
        }
        return new Page<>(items, Boolean.TRUE.equals(page.hasMore()), next, null, null);
    }

    /**
     * The note of a detail answer ({@code data[0].note_list[0]}), under the id it was asked for; its author may sit
     * beside it in {@code data[0]}.
     */
    static NoteData detail(List<JoaNoteDetail> details, String requestedId) {
        if (details == null || details.isEmpty() || details.get(0) == null || details.get(0).noteList() == null
                || details.get(0).noteList().isEmpty() || details.get(0).noteList().get(0) == null) {
            throw new UpstreamException(Kind.NOT_FOUND, Endpoint.NOTE_DETAIL, 0, "Just One API returned no note");
        }
        JoaNoteDetail first = details.get(0);
        JoaNote n = first.noteList().get(0);
        JoaNoteListUser user = n.user() != null ? n.user() : first.user();
        return new NoteData(requestedId, author(user), n.title(), null, n.desc() == null ? "" : n.desc(), n.type(),
                n.sticky(),
                epochSeconds(n.time()), epochSeconds(n.lastUpdateTime()), toInt(n.likedCount()),
                toInt(n.commentsCount()), toInt(n.collectedCount()), toInt(n.sharedCount()),
                blankToNull(n.ipLocation()), images(n.imagesList()), true, null);
    }

    /** A page of top-level comments of {@code noteId}, each with the replies the page shows inline. */
    static Page<CommentData> commentPage(JoaCommentPage page, String noteId) {
        List<JoaComment> comments = page.comments() == null ? List.of() : page.comments();
        List<CommentData> items = new ArrayList<>(comments.size());
        for (JoaComment c : comments) {
            if (c == null || c.id() == null) {
                continue;
            }
            List<CommentData> preview = new ArrayList<>();
            if (c.subComments() != null) {
                for (JoaComment reply : c.subComments()) {
                    if (reply != null && reply.id() != null) {
                        preview.add(comment(reply, noteId, c.id(), List.of()));
                    }
                }
            }
            items.add(comment(c, noteId, null, preview));
        }
        Integer total = page.commentCountL1() == null ? null : (int) Math.min(Integer.MAX_VALUE, page.commentCountL1());
        return new Page<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), total, null);
    }

    /** A page of the replies in the thread under {@code rootId}; the upstream does not return the root, the request names it. */
    static Page<CommentData> replyPage(JoaCommentPage page, String noteId, String rootId) {
        List<JoaComment> replies = page.comments() == null ? List.of() : page.comments();
        List<CommentData> items = replies.stream().filter(r -> r != null && r.id() != null)
                .map(r -> comment(r, noteId, rootId, List.of())).toList();
        return new Page<>(items, Boolean.TRUE.equals(page.hasMore()), page.cursor(), null, null);
    }

    static NoteData listedNote(JoaListNote n) {
        String title = firstNonBlank(n.title(), n.displayTitle());
        return new NoteData(n.id(), author(n.user()), title, n.desc(), null, n.type(), n.sticky(),
                epochSeconds(n.createTime()), epochSeconds(n.lastUpdateTime()), toInt(n.likes()),
                toInt(n.commentsCount()), toInt(n.collectedCount()), toInt(n.shareCount()), null,
                images(n.imagesList()), false, null);
    }

    private static ProfileData author(JoaNoteListUser u) {
        if (u == null || u.xhsId() == null) {
            return null;
        }
        return ProfileData.partial(u.xhsId(), u.displayName(), u.avatar(), u.redId());
    }

    private static CommentData comment(JoaComment c, String noteId, String rootId, List<CommentData> preview) {
        String replyToId = null;
        CommentAuthorData replyToAuthor = null;
        if (rootId != null) {
            replyToId = c.targetComment() != null && c.targetComment().id() != null ? c.targetComment().id() : rootId;
            replyToAuthor = c.targetComment() == null ? null : commentAuthor(c.targetComment().user(), false);
        }
        List<ImageData> pictures = c.pictures() == null
                ? List.of()
                : c.pictures().stream().filter(Objects::nonNull).map(JoaMapping::picture).toList();
        String note = c.noteId() != null && !c.noteId().isBlank() ? c.noteId() : noteId;
        return new CommentData(c.id(), note, rootId, replyToId, replyToAuthor, c.content(), epochSeconds(c.time()),
                toInt(c.likeCount()), blankToNull(c.ipLocation()), commentAuthor(c.user(), isNoteAuthor(c)), pictures,
                rootId == null ? toInt(c.subCommentCount()) : null, c.status(), c.commentType(), preview, true, null);
    }

    private static boolean isNoteAuthor(JoaComment c) {
        if (c.showTagsV2() == null) {
            return false;
        }
        for (JoaTag tag : c.showTagsV2()) {
            if (tag != null && "is_author".equals(tag.type())) {
                return true;
            }
        }
        return false;
    }

    private static CommentAuthorData commentAuthor(JoaCommentUser u, boolean noteAuthor) {
        if (u == null) {
            return new CommentAuthorData(null, null, null, null, noteAuthor);
        }
        return new CommentAuthorData(u.nickname(), blankToNull(u.images()), blankToNull(u.redId()),
                blankToNull(u.userid()), noteAuthor);
    }

    private static List<ImageData> images(List<JoaImage> images) {
        if (images == null) {
            return List.of();
        }
        return images.stream().filter(Objects::nonNull)
                .map(i -> new ImageData(firstNonBlank(i.urlSizeLarge(), i.url(), i.original()), i.width(),
                        i.height()))
                .filter(i -> i.url() != null)
                .toList();
    }

    private static ImageData picture(JoaPicture p) {
        return new ImageData(firstNonBlank(p.url(), p.originUrl()), p.width(), p.height());
    }

    static Instant epochSeconds(Long seconds) {
        return seconds == null || seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }

    static Integer toInt(Long value) {
        if (value == null) {
            return null;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
