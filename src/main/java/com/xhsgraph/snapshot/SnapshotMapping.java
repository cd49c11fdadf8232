package com.xhsgraph.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.service.model.CommentAuthorData;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.ImageData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.Provenance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Pure functions between the model and the snapshot entities and columns. */
@RegisterForReflection(targets = ImageData.class)
final class SnapshotMapping {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** A stored creator; complete when the profile endpoint was called for it at least once. */
    static ProfileData profile(UserSnapshot s, Provenance provenance) {
        return new ProfileData(s.xhsId, s.redId, s.nickname, s.avatarUrl, s.bio, s.ipLocation, s.gender,
                s.followerCount, s.followingCount, s.likedCount, s.collectedCount, s.noteCount, s.verified,
                s.profileFetchedAt != null, provenance);
    }

    /** A creator as one observation saw it; what observations do not keep (gender, verification) is as stored now. */
    static ProfileData profile(String userId, UserSnapshot now, UserObservationSnapshot o) {
        return new ProfileData(userId, o.redId, o.nickname, o.avatarUrl, o.bio, o.ipLocation,
                now == null ? null : now.gender, o.followerCount, o.followingCount, o.likedCount, o.collectedCount,
                o.noteCount, now == null ? null : now.verified, true,
                Provenance.snapshot(instant(o.observedAt), false));
    }

    /** A stored note; {@code author} is what is stored of its author, or null. */
    static NoteData note(NoteSnapshot s, UserSnapshot author, Provenance provenance) {
        ProfileData knownAuthor = author != null
                ? ProfileData.partial(author.xhsId, author.nickname, author.avatarUrl, author.redId)
                : s.authorId == null ? null : ProfileData.partial(s.authorId, null, null, null);
        return new NoteData(s.xhsId, knownAuthor, s.title, s.excerpt, s.fullText, s.noteType, s.pinned,
                instant(s.publishedAt), instant(s.editedAt), s.likeCount, s.commentCount, s.collectCount,
                s.shareCount, s.ipLocation, images(s.imagesJson), s.detailFetchedAt != null, provenance);
    }

    /** A note as one observation saw it: counters and title then, everything else as stored now (or null). */
    static NoteData note(String noteId, NoteSnapshot now, UserSnapshot author, NoteObservationSnapshot o) {
        Provenance then = Provenance.snapshot(instant(o.observedAt), false);
        if (now == null) {
            return new NoteData(noteId, null, o.title, null, null, null, null, null, null, o.likeCount,
                    o.commentCount, o.collectCount, o.shareCount, null, List.of(), false, then);
        }
        NoteData current = note(now, author, then);
        return new NoteData(current.xhsId(), current.author(), o.title != null ? o.title : current.title(),
                current.excerpt(), current.text(), current.type(), current.pinned(), current.publishedAt(),
                current.editedAt(), o.likeCount, o.commentCount, o.collectCount, o.shareCount, current.ipLocation(),
                current.images(), current.fromDetail(), then);
    }

    static CommentData comment(CommentSnapshot s, Provenance provenance) {
        CommentAuthorData author = new CommentAuthorData(s.authorNickname, s.authorAvatarUrl, s.authorRedId,
                s.authorUnstableId, s.authorIsNoteAuthor);
        return new CommentData(s.xhsId, s.noteId, s.rootId, s.replyToId, null, s.content, instant(s.publishedAt),
                s.likeCount, s.ipLocation, author, images(s.picturesJson), s.replyCount, s.status, s.commentType,
                List.of(), true, provenance);
    }
}
