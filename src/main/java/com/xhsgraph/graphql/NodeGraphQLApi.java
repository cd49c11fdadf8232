package com.xhsgraph.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.xhsgraph.graphql.type.Node;
import com.xhsgraph.graphql.type.NodeIds;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.service.CommentService;

import io.smallrye.mutiny.Uni;

/** Relay's {@code Query.node}. */
@GraphQLApi
public class NodeGraphQLApi {

    private final CommentService comments;

    NodeGraphQLApi(CommentService comments) {
        this.comments = comments;
    }

    @Query("node")
    @Description("""
            Any object by its global id. Users and notes cost nothing until a field needs data; comments are served \
            from what this service has stored (the upstream cannot fetch a single comment): null for a comment not \
            stored yet.""")
    public Uni<Node> node(@Name("id") @Id @NonNull @Description("A global `id` as returned by this API.") String id) {
        return Resolvers.guard(() -> {
            NodeIds.Ref ref = NodeIds.decode(id);
            return switch (ref.type()) {
                case "User" -> Uni.createFrom().item(User.of(ref.xhsId(), null));
                case "Note" -> Uni.createFrom().item(Note.of(ref.xhsId(), null));
                default -> comments.byIds(List.of(ref.xhsId()))
                        .map(found -> found.get(0) == null ? null : ApiMapping.comment(found.get(0)));
            };
        });
    }
}
