package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.xhsgraph.graphql.NodeIds;
import com.xhsgraph.service.ProfileData;

/**
 * A creator. Only {@code id}, {@code xhsId} and {@code url} are free; the profile fields cost one {@code get-user/v3}
 * call per user per request, unless a listing already told them (nickname and avatar of a note's author).
 */
@Name("User")
@Description("A Xiaohongshu creator. Profile fields cost one upstream call per user per request; id, xhsId and url are free.")
public record User(
        @NonNull @Description("The raw 24-hex Xiaohongshu user id.") String xhsId,
        @Ignore ProfileData known) implements Node {

    public static User of(String xhsId, ProfileData known) {
        return new User(xhsId, known);
    }

    @Override
    @Id
    @NonNull
    @Description("Opaque global id; Query.node resolves it.")
    public String getId() {
        return NodeIds.user(xhsId);
    }

    @NonNull
    @Description("The profile page on xiaohongshu.com.")
    public String getUrl() {
        return "https://www.xiaohongshu.com/user/profile/" + xhsId;
    }
}
