package com.xhsgraph.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.xhsgraph.service.model.ProfileData;

/**
 * A creator. Only {@code id}, {@code xhsId} and {@code url} are free; the profile fields come from a fresh enough
 * snapshot or cost one {@code get-user/v3} call per user per request, unless a listing already told them.
 *
 * @param known what a listing or an earlier fetch told of the user, or null
 * @param maxAge the query's {@code maxAge} for the profile, or null for the configured default
 * @param asOf the query's {@code asOf}: the profile as observed then, from the snapshots only
 */
@Name("User")
@Description("""
        A Xiaohongshu creator. Profile fields come from a fresh enough snapshot or cost one upstream call per user per \
        request; id, xhsId and url are free.""")
public record User(
        @NonNull @Description("The raw 24-hex Xiaohongshu user id.") String xhsId,
        @Ignore ProfileData known,
        @Ignore Integer maxAge,
        @Ignore Instant asOf) implements Node {

    public static User of(String xhsId, ProfileData known) {
        return new User(xhsId, known, null, null);
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

    /**
     * Equal when they denote the same user the same way; what a listing told of it does not count. Data loaders key
     * batches by source object, and hashing the whole record (images, texts) on every field was measurable.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof User other && xhsId.equals(other.xhsId) && java.util.Objects.equals(maxAge, other.maxAge)
                && java.util.Objects.equals(asOf, other.asOf);
    }

    @Override
    public int hashCode() {
        return xhsId.hashCode();
    }
}
