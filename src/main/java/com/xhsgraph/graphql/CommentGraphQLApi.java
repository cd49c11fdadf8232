package com.xhsgraph.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.graphql.type.Comment;
import com.xhsgraph.graphql.type.CommentConnection;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.service.CommentService;
import com.xhsgraph.service.NoteService;
import com.xhsgraph.service.fetch.Freshness;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.Slice;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Endpoint;

import io.smallrye.mutiny.Uni;

/** {@code Comment.replies}, {@code Comment.replyTo} and {@code Comment.note}. */
@GraphQLApi
public class CommentGraphQLApi {

    private final CommentService comments;
    private final NoteService notes;
    private final XhsConfig config;

    CommentGraphQLApi(CommentService comments, NoteService notes, XhsConfig config) {
        this.comments = comments;
        this.notes = notes;
        this.config = config;
    }

    @Name("replies")
    @UpstreamCost(endpoint = Endpoint.Names.REPLIES, pages = true)
    @Description("""
            The replies in this top-level comment's thread, oldest first; one upstream call per upstream page needed \
            (about 5 replies each). Threads are flat on Xiaohongshu: on a reply this is empty, and replyTo tells \
            which comment each reply answers.""")
    public Uni<CommentConnection> replies(@Source Comment comment,
            @Name("first") @DefaultValue("10") @Description("How many replies, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after,
            @Name("maxAge") @Description("Serve upstream pages from snapshots at most this many seconds old when the query arrived; 0: the upstream answered after it arrived (a call in flight for another query counts).") Integer maxAge) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            CommentData data = comment.data();
            Pager<CommentData> pager = comments.replies(data, Freshness.checkMaxAge(maxAge));
            var start = pager.start(after);
            if (data.isReply()) {
                return Uni.createFrom().item(ApiMapping.comments(new Slice<>(List.of(), false, 0, null), after != null,
                        data.noteId(), comment.xhsId()));
            }
            return pager.walk(start, n).map(slice -> ApiMapping.comments(
                    new Slice<>(slice.items(), slice.hasNextPage(), data.replyCount(), slice.provenance()),
                    after != null, data.noteId(), comment.xhsId()));
        });
    }

    @Name("firstSeenAt")
    @Description("When this service first stored this comment; null when it never did. From the snapshots only.")
    public Uni<Instant> firstSeenAt(@Source Comment comment) {
        return Resolvers.guard(() -> comments.firstSeen(comment.xhsId()));
    }

    @Name("replyTo")
    @Description("""
            The comment this reply answers: the thread's top-level comment or another reply. Null on a top-level \
            comment. Known fully when this request or an earlier one fetched it; otherwise only its id and author.""")
    public Uni<List<Comment>> replyTo(@Source List<Comment> sources) {
        List<String> targets = new ArrayList<>(sources.size());
        for (Comment c : sources) {
            targets.add(c.data().replyToId());
        }
        return Resolvers.guard(() -> comments.byIds(targets)).map(found -> {
            List<Comment> result = new ArrayList<>(sources.size());
            for (int i = 0; i < sources.size(); i++) {
                CommentData reply = sources.get(i).data();
                CommentData target = found.get(i);
                if (reply.replyToId() == null) {
                    result.add(null);
                } else {
                    result.add(ApiMapping.comment(target != null ? target : reply.replyToReference()));
                }
            }
            return result;
        });
    }

    @Name("note")
    @NonNull
    @SameForEveryItem
    @Description("The note this comment is on.")
    public Uni<List<Note>> note(@Source List<Comment> sources) {
        return Uni.createFrom().item(() -> sources.stream()
                .map(c -> Note.of(c.data().noteId(), notes.seen(c.data().noteId()))).toList());
    }
}
