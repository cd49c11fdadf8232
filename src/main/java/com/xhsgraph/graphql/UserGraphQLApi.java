package com.xhsgraph.graphql;

import java.time.Instant;
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
import com.xhsgraph.graphql.type.DataSource;
import com.xhsgraph.graphql.type.Gender;
import com.xhsgraph.graphql.type.NoteConnection;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.graphql.type.UserObservation;
import com.xhsgraph.graphql.type.UserTag;
import com.xhsgraph.service.SearchService;
import com.xhsgraph.service.UserService;
import com.xhsgraph.service.fetch.Freshness;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ShareText;

import io.smallrye.mutiny.Uni;

/** {@code Query.user}, the profile fields of {@code User}, its history and {@code User.notes}. */
@GraphQLApi
public class UserGraphQLApi {

    private final SearchService search;
    private final UserService users;
    private final TimeSource time;
    private final XhsConfig config;

    UserGraphQLApi(UserService users, TimeSource time, XhsConfig config, SearchService search) {
        this.search = search;
        this.users = users;
        this.time = time;
        this.config = config;
    }

    @Query("user")
    @FromSnapshotsWith(argument = "asOf")
    @AcceptsShareLinks(argument = "id")
    @Description("A creator by id. Costs nothing by itself: each field says what it costs.")
    public Uni<User> user(
            @Name("id") @NonNull @Description("The 24-hex user id, a profile URL such as https://www.xiaohongshu.com/user/profile/<id>, a share link (xhslink.com) or a pasted share text; a short link costs one call the first time it is seen.") String id,
            @Name("maxAge") @Description("Serve the profile from a snapshot at most this many seconds old when the query arrived, else fetch it; 0: the upstream answered after the query arrived (a call in flight for another query counts). Default: the configured freshness.") Integer maxAge,
            @Name("asOf") @Description("The profile as last observed at or before this moment, from the snapshots only.") Instant asOf) {
        return Resolvers.guard(() -> {
            Integer age = Freshness.checkMaxAge(maxAge);
            Instant at = Resolvers.asOf(asOf, time.now());
            if (!ShareText.hasShortLink(id)) {
                return Uni.createFrom().item(new User(XhsIds.user(id), null, age, at));
            }
            return search.expand(id).map(url -> new User(XhsIds.user(url), null, age, at));
        });
    }

    @Name("nickname")
    @UpstreamCost(endpoint = Endpoint.Names.USER, freeVia = {"Note.author", "Note.mentions", "Comment.mentions",
            "UserConnection.nodes"})
    @Description("Display name. Free when the user is a note's author, a mention or a search result, otherwise part of the profile.")
    public Uni<List<String>> nickname(@Source List<User> users) {
        return profileField(users, ProfileData::nickname, Listed.TELLS);
    }

    @Name("avatarUrl")
    @UpstreamCost(endpoint = Endpoint.Names.USER, freeVia = {"Note.author", "UserConnection.nodes"})
    @Description("Avatar URL. Free when the user is a note's author or a search result, otherwise part of the profile.")
    public Uni<List<String>> avatarUrl(@Source List<User> users) {
        return profileField(users, ProfileData::avatarUrl, Listed.TELLS_IF_GIVEN);
    }

    @Name("redId")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("The public Xiaohongshu number; null when the creator has none.")
    public Uni<List<String>> redId(@Source List<User> users) {
        return profileField(users, ProfileData::redId, Listed.TELLS_IF_GIVEN);
    }

    @Name("bio")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("The profile's self-description.")
    public Uni<List<String>> bio(@Source List<User> users) {
        return profileField(users, ProfileData::bio, Listed.NOTHING);
    }

    @Name("ipLocation")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Province or country the profile reports, e.g. 广东.")
    public Uni<List<String>> ipLocation(@Source List<User> users) {
        return profileField(users, ProfileData::ipLocation, Listed.NOTHING);
    }

    @Name("followerCount")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Followers (粉丝).")
    public Uni<List<Integer>> followerCount(@Source List<User> users) {
        return profileField(users, ProfileData::followerCount, Listed.NOTHING);
    }

    @Name("followingCount")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Accounts followed (关注).")
    public Uni<List<Integer>> followingCount(@Source List<User> users) {
        return profileField(users, ProfileData::followingCount, Listed.NOTHING);
    }

    @Name("likedAndCollectedCount")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Likes and collects received, together (获赞与收藏).")
    public Uni<List<Integer>> likedAndCollectedCount(@Source List<User> users) {
        return profileField(users, ProfileData::likedAndCollectedCount, Listed.NOTHING);
    }

    @Name("noteCount")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Notes posted, as the profile counts them.")
    public Uni<List<Integer>> noteCount(@Source List<User> users) {
        return profileField(users, ProfileData::noteCount, Listed.NOTHING);
    }

    @Name("verified")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Whether the account carries an official verification (of a person or an organisation).")
    public Uni<List<Boolean>> verified(@Source List<User> users) {
        return profileField(users, ProfileData::verified, Listed.NOTHING);
    }

    @Name("gender")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("The gender the profile shows.")
    public Uni<List<Gender>> gender(@Source List<User> users) {
        return profileField(users, p -> Gender.of(p.gender()), Listed.NOTHING);
    }

    @Name("tags")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("The profile's tags: an age, a location, a profession...")
    public Uni<List<List<@NonNull UserTag>>> tags(@Source List<User> users) {
        return profileField(users, p -> ApiMapping.userTags(p.extras().tags()), Listed.NOTHING);
    }

    @Name("level")
    @Description("The creator level, when the profile gives one.")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    public Uni<List<Integer>> level(@Source List<User> users) {
        return profileField(users, p -> p.extras().level(), Listed.NOTHING);
    }

    @Name("verification")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("What the official verification says (e.g. the trade of a brand account); null when the account is not verified.")
    public Uni<List<String>> verification(@Source List<User> users) {
        return profileField(users, p -> p.extras().verification(), Listed.NOTHING);
    }

    @Name("shareUrl")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("The profile's share link, with the xsec_token that opens it in a browser.")
    public Uni<List<String>> shareUrl(@Source List<User> users) {
        return profileField(users, p -> p.extras().shareUrl(), Listed.NOTHING);
    }

    @Name("firstSeenAt")
    @Description("When this service first stored anything of this creator; null when it never did. From the snapshots only.")
    public Uni<Instant> firstSeenAt(@Source User user) {
        return Resolvers.guard(() -> users.firstSeen(user.xhsId()));
    }

    @Name("fetchedAt")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("When the profile was fetched from the upstream.")
    public Uni<List<Instant>> fetchedAt(@Source List<User> users) {
        return profileField(users, p -> p.provenance() == null ? null : p.provenance().fetchedAt(), Listed.NOTHING);
    }

    @Name("source")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("Whether the profile was fetched now or served from a snapshot.")
    public Uni<List<DataSource>> source(@Source List<User> users) {
        return profileField(users, p -> ApiMapping.source(p.provenance()), Listed.NOTHING);
    }

    @Name("stale")
    @UpstreamCost(endpoint = Endpoint.Names.USER)
    @Description("True when the profile is older than the query asked for (the upstream failed, or offline mode).")
    public Uni<List<Boolean>> stale(@Source List<User> users) {
        return profileField(users, p -> p.provenance() != null && p.provenance().stale(), Listed.NOTHING);
    }

    @Name("history")
    @NonNull
    @Description("Every stored observation of the profile's counters, oldest first. From the snapshots only.")
    public Uni<List<@NonNull UserObservation>> history(@Source User user,
            @Name("since") @Description("Only observations at or after this moment.") Instant since,
            @Name("until") @Description("Only observations at or before this moment.") Instant until) {
        return Resolvers.guard(() -> {
            Resolvers.window(since, until);
            return users.history(user.xhsId(), since, until)
                    .map(list -> list.stream().map(ApiMapping::observation).toList());
        });
    }

    @Name("notes")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_LIST, pages = true)
    @Description("The creator's notes, newest first after any pinned ones. Each upstream page needed (about 10 notes) comes from a fresh enough snapshot or costs one call. Null (with an error) when a page could not be had.")
    public Uni<NoteConnection> notes(@Source User user,
            @Name("first") @DefaultValue("10") @Description("How many notes, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after,
            @Name("maxAge") @Description("Serve upstream pages from snapshots at most this many seconds old when the query arrived; 0: the upstream answered after it arrived (a call in flight for another query counts).") Integer maxAge) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            Pager<NoteData> pager = users.notes(user.xhsId(), Freshness.checkMaxAge(maxAge));
            return pager.walk(pager.start(after), n)
                    .map(slice -> ApiMapping.notes(slice, user.xhsId(), after != null));
        });
    }

    @Name("totalCount")
    @UpstreamCost(endpoint = Endpoint.Names.USER, ofOwner = true)
    @Description("How many notes the creator has posted, as the profile counts them (the same as User.noteCount; it costs the profile).")
    public Uni<List<Integer>> totalCount(@Source List<NoteConnection> connections) {
        // search results have no owner: no total, no call
        return Resolvers.perItem(connections, c -> c.userXhsId() == null
                ? Uni.createFrom().nullItem()
                : users.profile(c.userXhsId(), null).map(ProfileData::noteCount));
    }

    @Name("storedCount")
    @Description("How many of the creator's notes this service holds in its snapshots.")
    public Uni<List<Integer>> storedCount(@Source List<NoteConnection> connections) {
        return Resolvers.perItem(connections, c -> c.userXhsId() == null
                ? Uni.createFrom().nullItem()
                : users.storedNotes(c.userXhsId()).map(Long::intValue));
    }

    /**
     * What a listing (a note's author, a mention, a search result) tells of a profile field: {@code TELLS}, the field
     * is what the listing says, even empty (the budget gate counts it free there); {@code TELLS_IF_GIVEN}, when the
     * listing has it; {@code NOTHING}, the field needs the profile.
     */
    private enum Listed {
        TELLS, TELLS_IF_GIVEN, NOTHING
    }

    private <T> Uni<List<T>> profileField(List<User> sources, Function<ProfileData, T> field, Listed listed) {
        return Resolvers.perItem(sources, user -> {
            ProfileData known = user.known();
            if (user.asOf() == null && known != null && (known.complete() || listed == Listed.TELLS
                    || (listed == Listed.TELLS_IF_GIVEN && field.apply(known) != null))) {
                return field.apply(known);
            }
            return Resolvers.NOT_KNOWN;
        }, user -> user.asOf() != null
                ? users.profileAsOf(user.xhsId(), user.asOf()).map(field)
                : users.profile(user.xhsId(), user.maxAge()).map(field));
    }
}
