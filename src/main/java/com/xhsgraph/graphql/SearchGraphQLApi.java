package com.xhsgraph.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.graphql.type.Node;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.graphql.type.NoteSearchSort;
import com.xhsgraph.graphql.type.NoteSearchType;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.graphql.type.UserConnection;
import com.xhsgraph.service.SearchService;
import com.xhsgraph.service.fetch.Freshness;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ShareText;

import io.smallrye.mutiny.Uni;

/** Finding: {@code searchNotes}, {@code searchUsers}, and {@code resolve} for share links. */
@GraphQLApi
public class SearchGraphQLApi {

    private final SearchService search;
    private final XhsConfig config;

    SearchGraphQLApi(SearchService search, XhsConfig config) {
        this.search = search;
        this.config = config;
    }

    @Query("searchNotes")
    @UpstreamCost(endpoint = Endpoint.Names.SEARCH_NOTES, pages = true)
    @Description("Notes a keyword finds, as Xiaohongshu's search ranks them. Each upstream page needed (up to 20 results) comes from a fresh enough snapshot or costs one call; a found note's counters, excerpt, images and author cost nothing more.")
    public Uni<com.xhsgraph.graphql.type.NoteConnection> searchNotes(
            @Name("keyword") @NonNull @Description("What to search for, 1 to 100 characters.") String keyword,
            @Name("sort") @DefaultValue("GENERAL") @Description("The order of the results.") NoteSearchSort sort,
            @Name("noteType") @DefaultValue("ALL") @Description("Which kinds of notes.") NoteSearchType noteType,
            @Name("first") @DefaultValue("10") @Description("How many notes, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after,
            @Name("maxAge") @Description("Serve result pages from snapshots at most this many seconds old when the query arrived (default: the configured search freshness, 5 minutes).") Integer maxAge) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            Pager<NoteData> pager = search.notes(keyword,
                    (sort == null ? NoteSearchSort.GENERAL : sort).upstream(),
                    (noteType == null ? NoteSearchType.ALL : noteType).upstream(), Freshness.checkMaxAge(maxAge));
            return pager.walkAtMost(pager.start(after), n,
                    SearchService.maxPages(Endpoint.SEARCH_NOTES, n, after != null))
                    .map(slice -> ApiMapping.notes(slice, null, after != null));
        });
    }

    @Query("searchUsers")
    @UpstreamCost(endpoint = Endpoint.Names.SEARCH_USERS, pages = true)
    @Description("Users a keyword finds. Each upstream page needed (up to 20 results) comes from a fresh enough snapshot or costs one call; a found user's nickname and avatar cost nothing more, the rest of the profile costs the profile.")
    public Uni<UserConnection> searchUsers(
            @Name("keyword") @NonNull @Description("What to search for, 1 to 100 characters.") String keyword,
            @Name("first") @DefaultValue("10") @Description("How many users, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after,
            @Name("maxAge") @Description("Serve result pages from snapshots at most this many seconds old when the query arrived (default: the configured search freshness, 5 minutes).") Integer maxAge) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            Pager<ProfileData> pager = search.users(keyword, Freshness.checkMaxAge(maxAge));
            return pager.walkAtMost(pager.start(after), n,
                    SearchService.maxPages(Endpoint.SEARCH_USERS, n, after != null))
                    .map(slice -> ApiMapping.users(slice, after != null));
        });
    }

    @Query("resolve")
    @UpstreamCost(endpoint = Endpoint.Names.SHARE_LINK)
    @Description("Whatever a link points to: a share link (xhslink.com) or a whole pasted share text, or a xiaohongshu.com note or profile URL. A short link costs one call the first time it is seen and nothing after; the object's own fields cost what they say.")
    public Uni<Node> resolve(
            @Name("link") @NonNull @Description("A link, or a share text that holds one.") String link) {
        return Resolvers.guard(() -> {
            if (ShareText.find(link).isEmpty()) {
                throw new InvalidInputException(
                        "No Xiaohongshu link in the text: pass an xhslink.com short link, a share text or a URL");
            }
            return search.expand(link).map(SearchGraphQLApi::node);
        });
    }

    /** The note or user a xiaohongshu.com URL shows. */
    private static Node node(String url) {
        try {
            return Note.of(XhsIds.note(url), null);
        } catch (InvalidInputException notANote) {
            try {
                return User.of(XhsIds.user(url), null);
            } catch (InvalidInputException notAUser) {
                throw new InvalidInputException("The link leads neither to a note nor to a profile");
            }
        }
    }
}
