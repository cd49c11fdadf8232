package com.xhsgraph.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.service.model.CommentAuthorData;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.CommentExtras;
import com.xhsgraph.service.model.ImageData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.NoteExtras;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ProfileExtras;
import com.xhsgraph.service.model.Provenance;
import com.xhsgraph.service.model.ReplyPreview;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Pure functions between the model and the snapshot entities and columns. */
@RegisterForReflection(targets = {ImageData.class, NoteExtras.class, NoteExtras.TagData.class,
        NoteExtras.MentionData.class, NoteExtras.VideoData.class, NoteExtras.StreamData.class, ProfileExtras.class,
        ProfileExtras.UserTagData.class, CommentExtras.class})
final class SnapshotMapping {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<ImageData>> IMAGES = new TypeReference<>() {
    };

    private SnapshotMapping() {}

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static String imagesJson(List<ImageData> images) {
        try {
            return JSON.writeValueAsString(images == null ? List.of() : images);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("images are not serialisable", e);
        }
    }

    static List<ImageData> images(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, IMAGES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /**
     * The extras of a note as stored: what is known and sure. Topics read from a listing's excerpt are left out when
     * the excerpt may have been cut (the detail lists them all).
     */
    static String extrasJson(NoteData n) {
        NoteExtras e = n.extras();
        boolean tagsComplete = n.fromDetail() || n.knownFullText() != null;
        return json(new NoteExtras(tagsComplete ? e.tags() : List.of(), e.mentions(), e.video(), e.shareUrl()));
    }

    static String extrasJson(ProfileExtras extras) {
        return json(extras);
    }

    static String extrasJson(CommentExtras extras) {
        return json(extras);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private static <T> T read(String json, Class<T> type, T none) {
        if (json == null || json.isBlank()) {
            return none;
        }
        try {
            T value = JSON.readValue(json, type);
            return value == null ? none : value;
        } catch (JsonProcessingException e) {
            return none;
        }
    }

    static NoteExtras noteExtras(String json) {
        NoteExtras e = read(json, NoteExtras.class, NoteExtras.NONE);
        return new NoteExtras(e.tags() == null ? List.of() : e.tags(), e.mentions() == null ? List.of() : e.mentions(),
                e.video(), e.shareUrl());
    }

    static ProfileExtras profileExtras(String json) {
        ProfileExtras e = read(json, ProfileExtras.class, ProfileExtras.NONE);
        return new ProfileExtras(e.tags() == null ? List.of() : e.tags(), e.level(), e.shareUrl(), e.verification(),
                e.verificationType());
    }

    static CommentExtras commentExtras(String json) {
        CommentExtras e = read(json, CommentExtras.class, CommentExtras.NONE);
        return new CommentExtras(e.mentions() == null ? List.of() : e.mentions(),
                e.labels() == null ? List.of() : e.labels());
    }

    /** A stored creator; complete when the profile endpoint was called for it at least once. */
    static ProfileData profile(UserSnapshot s, Provenance provenance) {
        return new ProfileData(s.xhsId, s.redId, s.nickname, s.avatarUrl, s.bio, s.ipLocation, s.gender,
                s.followerCount, s.followingCount, s.likedCount, s.collectedCount, s.noteCount, s.verified,
                profileExtras(s.extrasJson), s.profileFetchedAt != null, provenance);
    }

    /** A creator as one observation saw it; what observations do not keep (gender, verification) is as stored now. */
    static ProfileData profile(String userId, UserSnapshot now, UserObservationSnapshot o) {
        return new ProfileData(userId, o.redId, o.nickname, o.avatarUrl, o.bio, o.ipLocation,
                now == null ? null : now.gender, o.followerCount, o.followingCount, o.likedCount, o.collectedCount,
                o.noteCount, now == null ? null : now.verified, now == null ? null : profileExtras(now.extrasJson),
                true, Provenance.snapshot(instant(o.observedAt), false));
    }

    /** A stored note; {@code author} is what is stored of its author, or null. */
    static NoteData note(NoteSnapshot s, UserSnapshot author, Provenance provenance) {
        ProfileData knownAuthor = author != null
                ? ProfileData.partial(author.xhsId, author.nickname, author.avatarUrl, author.redId)
                : s.authorId == null ? null : ProfileData.partial(s.authorId, null, null, null);
        return new NoteData(s.xhsId, knownAuthor, s.title, s.excerpt, s.fullText, s.noteType, s.pinned,
                instant(s.publishedAt), instant(s.editedAt), s.likeCount, s.commentCount, s.collectCount,
                s.shareCount, s.ipLocation, images(s.imagesJson), noteExtras(s.extrasJson), s.detailFetchedAt != null,
                provenance);
    }

    /** A note as one observation saw it: counters and title then, everything else as stored now (or null). */
    static NoteData note(String noteId, NoteSnapshot now, UserSnapshot author, NoteObservationSnapshot o) {
        Provenance then = Provenance.snapshot(instant(o.observedAt), false);
        if (now == null) {
            return new NoteData(noteId, null, o.title, null, null, null, null, null, null, o.likeCount,
                    o.commentCount, o.collectCount, o.shareCount, null, List.of(), null, false, then);
        }
        NoteData current = note(now, author, then);
        return new NoteData(current.xhsId(), current.author(), o.title != null ? o.title : current.title(),
                current.excerpt(), current.text(), current.type(), current.pinned(), current.publishedAt(),
                current.editedAt(), o.likeCount, o.commentCount, o.collectCount, o.shareCount, current.ipLocation(),
                current.images(), current.extras(), current.fromDetail(), then);
    }

    /** A stored comment; {@code previewReplies} are its stored inline replies by id (the others are not needed). */
    static CommentData comment(CommentSnapshot s, Map<String, CommentData> previewReplies, Provenance provenance) {
        CommentAuthorData author = new CommentAuthorData(s.authorNickname, s.authorAvatarUrl, s.authorRedId,
                s.authorUnstableId, s.authorIsNoteAuthor);
        List<CommentData> replies = new ArrayList<>();
        for (String id : previewIds(s)) {
            CommentData reply = previewReplies.get(id);
            if (reply == null) {
                // a preview is trusted only as far as it provably goes
                replies = null;
                break;
            }
            replies.add(reply);
        }
        ReplyPreview preview = replies == null
                ? ReplyPreview.NONE
                : new ReplyPreview(replies, s.previewCursor, s.previewHasMore);
        return new CommentData(s.xhsId, s.noteId, s.rootId, s.replyToId, null, s.content, instant(s.publishedAt),
                s.likeCount, s.ipLocation, author, images(s.picturesJson), s.replyCount, s.status, s.commentType,
                preview, commentExtras(s.extrasJson), true, provenance);
    }

    /** The ids of the replies a stored top-level comment's page previewed. */
    static List<String> previewIds(CommentSnapshot s) {
        return s.previewIds == null || s.previewIds.isEmpty() ? List.of() : List.of(s.previewIds.split(","));
    }
}
