package com.xhsgraph.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.service.CommentAuthorData;
import com.xhsgraph.service.CommentData;
import com.xhsgraph.service.ImageData;
import com.xhsgraph.service.NoteData;
import com.xhsgraph.service.ProfileData;
import com.xhsgraph.service.Provenance;
import com.xhsgraph.snapshot.CommentSnapshot;
import com.xhsgraph.snapshot.NoteSnapshot;
import com.xhsgraph.snapshot.UserSnapshot;

/** Pure functions between the service's records and the snapshot entities and columns. */
public final class SnapshotMapping {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ImageData>> IMAGES = new TypeReference<>() {
    };

    private SnapshotMapping() {}

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public static String imagesJson(List<ImageData> images) {
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
    public static ProfileData profile(UserSnapshot s, Provenance provenance) {
        return new ProfileData(s.xhsId, s.redId, s.nickname, s.avatarUrl, s.bio, s.ipLocation, s.gender,
                s.followerCount, s.followingCount, s.likedCount, s.collectedCount, s.noteCount, s.verified,
                s.profileFetchedAt != null, provenance);
    }

    /** A stored note; {@code author} is what is stored of its author, or null. */
    public static NoteData note(NoteSnapshot s, UserSnapshot author, Provenance provenance) {
        ProfileData knownAuthor = author != null
                ? ProfileData.partial(author.xhsId, author.nickname, author.avatarUrl, author.redId)
                : s.authorId == null ? null : ProfileData.partial(s.authorId, null, null, null);
        return new NoteData(s.xhsId, knownAuthor, s.title, s.excerpt, s.fullText, s.noteType, s.pinned,
                instant(s.publishedAt), instant(s.editedAt), s.likeCount, s.commentCount, s.collectCount,
                s.shareCount, s.ipLocation, images(s.imagesJson), s.detailFetchedAt != null, provenance);
    }

    public static CommentData comment(CommentSnapshot s, Provenance provenance) {
        CommentAuthorData author = new CommentAuthorData(s.authorNickname, s.authorAvatarUrl, s.authorRedId,
                s.authorUnstableId, s.authorIsNoteAuthor);
        return new CommentData(s.xhsId, s.noteId, s.rootId, s.replyToId, null, s.content, instant(s.publishedAt),
                s.likeCount, s.ipLocation, author, images(s.picturesJson), s.replyCount, s.status, s.commentType,
                true, provenance);
    }
}
