package com.xhsgraph.graphql;

import java.util.ArrayList;
import java.util.List;

import com.xhsgraph.graphql.type.Comment;
import com.xhsgraph.graphql.type.CommentAuthor;
import com.xhsgraph.graphql.type.CommentConnection;
import com.xhsgraph.graphql.type.CommentEdge;
import com.xhsgraph.graphql.type.DataSource;
import com.xhsgraph.graphql.type.Image;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.graphql.type.NoteConnection;
import com.xhsgraph.graphql.type.NoteEdge;
import com.xhsgraph.graphql.type.NoteObservation;
import com.xhsgraph.graphql.type.PageInfo;
import com.xhsgraph.graphql.type.UpstreamUsage;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.graphql.type.UserConnection;
import com.xhsgraph.graphql.type.UserEdge;
import com.xhsgraph.graphql.type.UserObservation;
import com.xhsgraph.graphql.type.UserTag;
import com.xhsgraph.graphql.type.Video;
import com.xhsgraph.graphql.type.VideoStream;
import com.xhsgraph.service.fetch.Slice;
import com.xhsgraph.service.model.CommentAuthorData;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.ImageData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.NoteExtras;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ProfileExtras;
import com.xhsgraph.service.model.Provenance;
import com.xhsgraph.service.model.Usage;

/** Pure functions from the service's model to the GraphQL API types. */
final class ApiMapping {

    private ApiMapping() {}

    static Comment comment(CommentData c) {
        CommentAuthorData a = c.author();
        CommentAuthor author = a == null
                ? new CommentAuthor(null, null, null, false)
                : new CommentAuthor(a.nickname(), a.avatarUrl(), a.redId(), a.noteAuthor());
        Provenance p = c.provenance();
        List<String> labels = c.extras().labels();
        return new Comment(c.xhsId(), c.content(), c.publishedAt(), c.likeCount(), c.ipLocation(), author,
                images(c.pictures()), c.replyCount(), p == null ? null : p.fetchedAt(), source(p),
                p == null ? null : p.stale(), mentions(c.extras().mentions()), labels.contains("note_first"),
                labels.contains("author_liked"), c.status(), c);
    }

    /** Mentioned users, as users whose nickname is known. */
    static List<User> mentions(List<NoteExtras.MentionData> mentions) {
        return mentions.stream().map(m -> User.of(m.userId(), ProfileData.partial(m.userId(), m.nickname(), null,
                null))).toList();
    }

    static Video video(NoteExtras.VideoData v) {
        if (v == null) {
            return null;
        }
        ImageData cover = v.cover();
        return new Video(v.durationSeconds(), cover == null
                ? null
                : new Image(cover.url(), cover.width(),
                        cover.height()),
                v.streams().stream().map(s -> new VideoStream(s.url(), s.codec(), s.quality(),
                        s.width(), s.height(), s.bytes() == null ? null : (int) Math.min(Integer.MAX_VALUE, s.bytes())))
                        .toList());
    }

    static List<UserTag> userTags(List<ProfileExtras.UserTagData> tags) {
        return tags.stream().map(t -> new UserTag(t.type(), t.name())).toList();
    }

    static List<Image> images(List<ImageData> images) {
        return images == null
                ? List.of()
                : images.stream().map(i -> new Image(i.url(), i.width(), i.height())).toList();
    }

    static DataSource source(Provenance p) {
        return p == null ? null : p.source() == Provenance.Source.SNAPSHOT ? DataSource.SNAPSHOT : DataSource.UPSTREAM;
    }

    static NoteConnection notes(Slice<NoteData> slice, String userXhsId, boolean afterGiven) {
        List<NoteEdge> edges = new ArrayList<>(slice.items().size());
        List<Note> nodes = new ArrayList<>(slice.items().size());
        for (Slice.Item<NoteData> item : slice.items()) {
            Note note = Note.of(item.value().xhsId(), item.value());
            edges.add(new NoteEdge(item.cursor(), note));
            nodes.add(note);
        }
        Provenance p = slice.provenance();
        return new NoteConnection(edges, nodes, pageInfo(slice, afterGiven), p == null ? null : p.fetchedAt(),
                source(p), p == null ? null : p.stale(), userXhsId);
    }

    /** A page of users a search found. */
    static UserConnection users(Slice<ProfileData> slice, boolean afterGiven) {
        List<UserEdge> edges = new ArrayList<>(slice.items().size());
        List<User> nodes = new ArrayList<>(slice.items().size());
        for (Slice.Item<ProfileData> item : slice.items()) {
            User user = User.of(item.value().xhsId(), item.value());
            edges.add(new UserEdge(item.cursor(), user));
            nodes.add(user);
        }
        Provenance p = slice.provenance();
        return new UserConnection(edges, nodes, pageInfo(slice, afterGiven),
                p == null ? null : p.fetchedAt(), source(p), p == null ? null : p.stale());
    }

    static CommentConnection comments(Slice<CommentData> slice, boolean afterGiven, String noteXhsId,
            String rootXhsId) {
        List<CommentEdge> edges = new ArrayList<>(slice.items().size());
        List<Comment> nodes = new ArrayList<>(slice.items().size());
        for (Slice.Item<CommentData> item : slice.items()) {
            Comment comment = comment(item.value());
            edges.add(new CommentEdge(item.cursor(), comment));
            nodes.add(comment);
        }
        Provenance p = slice.provenance();
        return new CommentConnection(edges, nodes, pageInfo(slice, afterGiven), slice.totalCount(),
                p == null ? null : p.fetchedAt(), source(p), p == null ? null : p.stale(), noteXhsId, rootXhsId);
    }

    /** A past profile as an observation; its provenance says when it was observed. */
    static UserObservation observation(ProfileData o) {
        return new UserObservation(o.provenance().fetchedAt(), o.followerCount(), o.followingCount(),
                o.likedAndCollectedCount(), o.noteCount(), o.nickname());
    }

    /** A past note as an observation; its provenance says when it was observed. */
    static NoteObservation observation(NoteData o) {
        return new NoteObservation(o.provenance().fetchedAt(), o.likeCount(), o.commentCount(), o.collectCount(),
                o.shareCount(), o.title());
    }

    static UpstreamUsage usage(Usage u) {
        return new UpstreamUsage(u.day(), u.endpoint(), u.calls(), u.billed(), u.failed());
    }

    private static PageInfo pageInfo(Slice<?> slice, boolean afterGiven) {
        List<? extends Slice.Item<?>> items = slice.items();
        String start = items.isEmpty() ? null : items.get(0).cursor();
        String end = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new PageInfo(slice.hasNextPage(), afterGiven, start, end);
    }
}
