package com.xhsgraph.graphql;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.graphql.type.NoteConnection;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.mapping.ApiMapping;
import com.xhsgraph.service.Pager;
import com.xhsgraph.service.ProfileData;
import com.xhsgraph.service.UserService;

import io.smallrye.mutiny.Uni;

/** {@code Query.user}, the profile fields of {@code User} and {@code User.notes}. */
@GraphQLApi
public class UserGraphQLApi {

    private final UserService users;
    private final XhsConfig config;

    UserGraphQLApi(UserService users, XhsConfig config) {
        this.users = users;
        this.config = config;
    }

    @Query("user")
    @Description("A creator by id. Costs nothing by itself: each field says what it costs.")
    public Uni<User> user(
            @Name("id") @NonNull @Description("The 24-hex user id, or a profile URL such as https://www.xiaohongshu.com/user/profile/<id>.") String id) {
        return Resolvers.guard(() -> Uni.createFrom().item(User.of(XhsIds.user(id), null)));
    }

    @Name("nickname")
    @Description("Display name. Free when the user is a note's author, otherwise part of the profile call.")
    public Uni<List<String>> nickname(@Source List<User> users) {
        return profileField(users, ProfileData::nickname, true);
    }

    @Name("avatarUrl")
    @Description("Avatar URL. Free when the user is a note's author, otherwise part of the profile call.")
    public Uni<List<String>> avatarUrl(@Source List<User> users) {
        return profileField(users, ProfileData::avatarUrl, true);
    }

    @Name("redId")
    @Description("The public Xiaohongshu number; null when the creator has none.")
    public Uni<List<String>> redId(@Source List<User> users) {
        return profileField(users, ProfileData::redId, true);
    }

    @Name("bio")
    @Description("The profile's self-description.")
    public Uni<List<String>> bio(@Source List<User> users) {
        return profileField(users, ProfileData::bio, false);
    }

    @Name("ipLocation")
    @Description("Province or country the profile reports, e.g. 广东.")
    public Uni<List<String>> ipLocation(@Source List<User> users) {
        return profileField(users, ProfileData::ipLocation, false);
    }

    @Name("followerCount")
    @Description("Followers (粉丝).")
    public Uni<List<Integer>> followerCount(@Source List<User> users) {
        return profileField(users, ProfileData::followerCount, false);
    }

    @Name("followingCount")
    @Description("Accounts followed (关注).")
    public Uni<List<Integer>> followingCount(@Source List<User> users) {
        return profileField(users, ProfileData::followingCount, false);
    }

    @Name("likedAndCollectedCount")
    @Description("Likes and collects received, together (获赞与收藏).")
    public Uni<List<Integer>> likedAndCollectedCount(@Source List<User> users) {
        return profileField(users, ProfileData::likedAndCollectedCount, false);
    }

    @Name("noteCount")
    @Description("Notes posted, as the profile counts them.")
    public Uni<List<Integer>> noteCount(@Source List<User> users) {
        return profileField(users, ProfileData::noteCount, false);
    }

    @Name("verified")
    @Description("Whether the account carries an official verification.")
    public Uni<List<Boolean>> verified(@Source List<User> users) {
        return profileField(users, ProfileData::verified, false);
    }

    @Name("notes")
    @NonNull
    @Description("The creator's notes, newest first after any pinned ones. Costs one upstream call per upstream page needed.")
    public Uni<NoteConnection> notes(@Source User user,
            @Name("first") @DefaultValue("10") @Description("How many notes, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            Pager<com.xhsgraph.service.NoteData> pager = users.notes(user.xhsId());
            return pager.walk(pager.start(after), n)
                    .map(slice -> ApiMapping.notes(slice, user.xhsId(), after != null));
        });
    }

    @Name("totalCount")
    @Description("How many notes the creator has posted, from the profile (one profile call, shared with User.noteCount).")
    public Uni<List<Integer>> totalCount(@Source List<NoteConnection> connections) {
        return Resolvers.perItem(connections, c -> users.profile(c.userXhsId()).map(ProfileData::noteCount));
    }

    private <T> Uni<List<T>> profileField(List<User> sources, Function<ProfileData, T> field, boolean listingTells) {
        return Resolvers.perItem(sources, user -> {
            ProfileData known = user.known();
            if (known != null && (known.complete() || (listingTells && field.apply(known) != null))) {
                return Uni.createFrom().item(field.apply(known));
            }
            return users.profile(user.xhsId()).map(field);
        });
    }
}
