package com.xhsgraph.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.xhsgraph.service.CommentAuthorData;
import com.xhsgraph.service.CommentData;
import com.xhsgraph.service.ImageData;
import com.xhsgraph.service.NoteData;
import com.xhsgraph.service.ProfileData;
import com.xhsgraph.upstream.justoneapi.dto.JoaComment;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaImage;
import com.xhsgraph.upstream.justoneapi.dto.JoaListNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNote;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListUser;
import com.xhsgraph.upstream.justoneapi.dto.JoaPicture;
import com.xhsgraph.upstream.justoneapi.dto.JoaTag;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

/** Pure functions from the vendor's JSON records to the service's own. Timestamps arrive as epoch seconds. */
public final class JoaMapping {

    private JoaMapping() {}

    public static ProfileData profile(JoaUser u) {
        return new ProfileData(u.userid(), blankToNull(u.redId()), u.nickname(), firstNonBlank(u.images(), u.imageb()),
                u.desc(), blankToNull(u.ipLocation()), u.gender(), toInt(u.fans()), toInt(u.follows()),
                toInt(u.liked()), toInt(u.collected()), toInt(u.ndiscovery()), u.redOfficialVerified(), true, null);
    }

    public static ProfileData author(JoaNoteListUser u) {
        if (u == null || u.xhsId() == null) {
            return null;
        }
        return ProfileData.partial(u.xhsId(), u.displayName(), u.avatar(), u.redId());
    }

    public static NoteData listedNote(JoaListNote n) {
        String title = firstNonBlank(n.title(), n.displayTitle());
        return new NoteData(n.id(), author(n.user()), title, n.desc(), null, n.type(), n.sticky(),
                epochSeconds(n.createTime()), epochSeconds(n.lastUpdateTime()), toInt(n.likes()),
                toInt(n.commentsCount()), toInt(n.collectedCount()), toInt(n.shareCount()), null,
                images(n.imagesList()), false, null);
    }

    public static NoteData detailedNote(JoaNote n) {
        return new NoteData(n.id(), author(n.user()), n.title(), null, n.desc() == null ? "" : n.desc(), n.type(),
                n.sticky(), epochSeconds(n.time()), epochSeconds(n.lastUpdateTime()), toInt(n.likedCount()),
                toInt(n.commentsCount()), toInt(n.collectedCount()), toInt(n.sharedCount()),
                blankToNull(n.ipLocation()), images(n.imagesList()), true, null);
    }

    /** A top-level comment of {@code noteId}. */
    public static CommentData topLevelComment(JoaComment c, String noteId) {
        return comment(c, noteId, null);
    }

    /** A reply in the thread under {@code rootId}; the upstream does not return the root, the request names it. */
    public static CommentData reply(JoaComment c, String noteId, String rootId) {
        return comment(c, noteId, rootId);
    }

    private static CommentData comment(JoaComment c, String noteId, String rootId) {
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
                rootId == null ? toInt(c.subCommentCount()) : null, c.status(), c.commentType(), true, null);
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
