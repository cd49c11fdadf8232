package com.xhsgraph.mapping;

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
import com.xhsgraph.graphql.type.UserObservation;
import com.xhsgraph.service.CommentAuthorData;
import com.xhsgraph.service.CommentData;
import com.xhsgraph.service.ImageData;
import com.xhsgraph.service.NoteData;
import com.xhsgraph.service.Provenance;
import com.xhsgraph.service.Slice;
import com.xhsgraph.snapshot.NoteObservationSnapshot;
import com.xhsgraph.snapshot.UserObservationSnapshot;

/** Pure functions from the service's records to the GraphQL API types. */
public final class ApiMapping {

    private ApiMapping() {}

    public static Comment comment(CommentData c) {
        CommentAuthorData a = c.author();
        CommentAuthor author = a == null
                ? new CommentAuthor(null, null, null, false)
                : new CommentAuthor(a.nickname(), a.avatarUrl(), a.redId(), a.noteAuthor());
        Provenance p = c.provenance();
        return new Comment(c.xhsId(), c.content(), c.publishedAt(), c.likeCount(), c.ipLocation(), author,
                images(c.pictures()), c.replyCount(), p == null ? null : p.fetchedAt(), source(p),
                p == null ? null : p.stale(), c);
    }

    public static List<Image> images(List<ImageData> images) {
        return images == null
                ? List.of()
                : images.stream().map(i -> new Image(i.url(), i.width(), i.height())).toList();
    }

    public static DataSource source(Provenance p) {
        return p == null ? null : p.source() == Provenance.Source.SNAPSHOT ? DataSource.SNAPSHOT : DataSource.UPSTREAM;
    }

    public static NoteConnection notes(Slice<NoteData> slice, String userXhsId, boolean afterGiven) {
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

    public static CommentConnection comments(Slice<CommentData> slice, boolean afterGiven, String noteXhsId,
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

    public static UserObservation observation(UserObservationSnapshot o) {
        Integer likedAndCollected = o.likedCount == null || o.collectedCount == null
                ? null
                : o.likedCount + o.collectedCount;
        return new UserObservation(SnapshotMapping.instant(o.observedAt), o.followerCount, o.followingCount,
                likedAndCollected, o.noteCount, o.nickname);
    }

    public static NoteObservation observation(NoteObservationSnapshot o) {
        return new NoteObservation(SnapshotMapping.instant(o.observedAt), o.likeCount, o.commentCount,
                o.collectCount, o.shareCount, o.title);
    }

    private static PageInfo pageInfo(Slice<?> slice, boolean afterGiven) {
        List<? extends Slice.Item<?>> items = slice.items();
        String start = items.isEmpty() ? null : items.get(0).cursor();
        String end = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new PageInfo(slice.hasNextPage(), afterGiven, start, end);
    }
}
