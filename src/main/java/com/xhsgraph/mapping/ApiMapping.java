package com.xhsgraph.mapping;

import java.util.ArrayList;
import java.util.List;

import com.xhsgraph.graphql.type.Comment;
import com.xhsgraph.graphql.type.CommentAuthor;
import com.xhsgraph.graphql.type.CommentConnection;
import com.xhsgraph.graphql.type.CommentEdge;
import com.xhsgraph.graphql.type.Image;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.graphql.type.NoteConnection;
import com.xhsgraph.graphql.type.NoteEdge;
import com.xhsgraph.graphql.type.PageInfo;
import com.xhsgraph.service.CommentAuthorData;
import com.xhsgraph.service.CommentData;
import com.xhsgraph.service.ImageData;
import com.xhsgraph.service.NoteData;
import com.xhsgraph.service.Slice;

/** Pure functions from the service's records to the GraphQL API types. */
public final class ApiMapping {

    private ApiMapping() {}

    public static Comment comment(CommentData c) {
        CommentAuthorData a = c.author();
        CommentAuthor author = a == null
                ? new CommentAuthor(null, null, null, false)
                : new CommentAuthor(a.nickname(), a.avatarUrl(), a.redId(), a.noteAuthor());
        return new Comment(c.xhsId(), c.content(), c.publishedAt(), c.likeCount(), c.ipLocation(), author,
                images(c.pictures()), c.replyCount(), c);
    }

    public static List<Image> images(List<ImageData> images) {
        return images == null
                ? List.of()
                : images.stream().map(i -> new Image(i.url(), i.width(), i.height())).toList();
    }

    public static NoteConnection notes(Slice<NoteData> slice, String userXhsId, boolean afterGiven) {
        List<NoteEdge> edges = new ArrayList<>(slice.items().size());
        List<Note> nodes = new ArrayList<>(slice.items().size());
        for (Slice.Item<NoteData> item : slice.items()) {
            Note note = Note.of(item.value().xhsId(), item.value());
            edges.add(new NoteEdge(item.cursor(), note));
            nodes.add(note);
        }
        return new NoteConnection(edges, nodes, pageInfo(slice, afterGiven), userXhsId);
    }

    public static CommentConnection comments(Slice<CommentData> slice, boolean afterGiven) {
        List<CommentEdge> edges = new ArrayList<>(slice.items().size());
        List<Comment> nodes = new ArrayList<>(slice.items().size());
        for (Slice.Item<CommentData> item : slice.items()) {
            Comment comment = comment(item.value());
            edges.add(new CommentEdge(item.cursor(), comment));
            nodes.add(comment);
        }
        return new CommentConnection(edges, nodes, pageInfo(slice, afterGiven), slice.totalCount());
    }

    private static PageInfo pageInfo(Slice<?> slice, boolean afterGiven) {
        List<? extends Slice.Item<?>> items = slice.items();
        String start = items.isEmpty() ? null : items.get(0).cursor();
        String end = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new PageInfo(slice.hasNextPage(), afterGiven, start, end);
    }
}
