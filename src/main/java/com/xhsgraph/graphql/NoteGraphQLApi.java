package com.xhsgraph.graphql;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.graphql.type.CommentConnection;
import com.xhsgraph.graphql.type.CommentOrder;
import com.xhsgraph.graphql.type.DataSource;
import com.xhsgraph.graphql.type.Image;
import com.xhsgraph.graphql.type.ListSize;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.graphql.type.NoteObservation;
import com.xhsgraph.graphql.type.NoteType;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.graphql.type.Video;
import com.xhsgraph.service.CommentService;
import com.xhsgraph.service.NoteService;
import com.xhsgraph.service.SearchService;
import com.xhsgraph.service.fetch.Freshness;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.NotFoundException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.NoteExtras;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ShareText;

import io.smallrye.mutiny.Uni;

/** {@code Query.note}, the fields of {@code Note}, its history and {@code Note.comments}. */
@GraphQLApi
public class NoteGraphQLApi {

    private static final Predicate<NoteData> ANY = n -> true;

    private final SearchService search;
    private final NoteService notes;
    private final CommentService comments;
    private final TimeSource time;
    private final XhsConfig config;

    NoteGraphQLApi(NoteService notes, CommentService comments, TimeSource time, XhsConfig config,
            SearchService search) {
        this.search = search;
        this.notes = notes;
        this.comments = comments;
        this.time = time;
        this.config = config;
    }

    @Query("note")
    @FromSnapshotsWith(argument = "asOf")
    @AcceptsShareLinks(argument = "id")
    @Description("A note by id. Costs nothing by itself: fields a listing did not provide come from the detail.")
    public Uni<Note> note(
            @Name("id") @NonNull @Description("The 24-hex note id, a note URL such as https://www.xiaohongshu.com/explore/<id>, a share link (xhslink.com) or a pasted share text; a short link costs one call the first time it is seen.") String id,
            @Name("maxAge") @Description("Serve the detail from a snapshot at most this many seconds old when the query arrived, else fetch it; 0: the upstream answered after the query arrived (a call in flight for another query counts). Default: the configured freshness.") Integer maxAge,
            @Name("asOf") @Description("The note as last observed at or before this moment (counters and title; other fields as stored now), from the snapshots only.") Instant asOf) {
        return Resolvers.guard(() -> {
            Integer age = Freshness.checkMaxAge(maxAge);
            Instant at = Resolvers.asOf(asOf, time.now());
            if (!ShareText.hasShortLink(id)) {
                return Uni.createFrom().item(new Note(XhsIds.note(id), null, age, at));
            }
            return search.expand(id).map(url -> new Note(XhsIds.note(url), null, age, at));
        });
    }

    @Name("title")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Title; may be empty.")
    public Uni<List<String>> title(@Source List<Note> sources) {
        return field(sources, NoteData::title, ANY);
    }

    @Name("text")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL)
    @Description("""
            The full text. Listings give an excerpt cut at about 100 characters, so this needs the detail only when \
            the excerpt may have been cut.""")
    public Uni<List<String>> text(@Source List<Note> sources) {
        return field(sources, NoteData::knownFullText, n -> n.knownFullText() != null);
    }

    @Name("type")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Image note or video note.")
    public Uni<List<NoteType>> type(@Source List<Note> sources) {
        return field(sources, n -> NoteType.of(n.type()), ANY);
    }

    @Name("pinned")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Whether the creator pinned the note to the top of their profile.")
    public Uni<List<Boolean>> pinned(@Source List<Note> sources) {
        return field(sources, n -> Boolean.TRUE.equals(n.pinned()), ANY);
    }

    @Name("publishedAt")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("When it was posted.")
    public Uni<List<Instant>> publishedAt(@Source List<Note> sources) {
        return field(sources, NoteData::publishedAt, ANY);
    }

    @Name("editedAt")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("When it was last edited; null when never.")
    public Uni<List<Instant>> editedAt(@Source List<Note> sources) {
        return field(sources, NoteData::editedAt, ANY);
    }

    @Name("likeCount")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Likes.")
    public Uni<List<Integer>> likeCount(@Source List<Note> sources) {
        return field(sources, NoteData::likeCount, ANY);
    }

    @Name("commentCount")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Comments including replies.")
    public Uni<List<Integer>> commentCount(@Source List<Note> sources) {
        return field(sources, NoteData::commentCount, ANY);
    }

    @Name("collectCount")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Collects (saves).")
    public Uni<List<Integer>> collectCount(@Source List<Note> sources) {
        return field(sources, NoteData::collectCount, ANY);
    }

    @Name("shareCount")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Shares.")
    public Uni<List<Integer>> shareCount(@Source List<Note> sources) {
        return field(sources, NoteData::shareCount, ANY);
    }

    @Name("ipLocation")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL)
    @Description("Province or country it was posted from. The detail has it; listings have it for video notes only.")
    public Uni<List<String>> ipLocation(@Source List<Note> sources) {
        return field(sources, NoteData::ipLocation, n -> n.fromDetail() || n.ipLocation() != null);
    }

    @Name("tags")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL)
    @Description("The topics the note is tagged with (#name[话题]# in its text), in order. Free when a listing's excerpt is the whole text.")
    public Uni<List<List<@NonNull String>>> tags(@Source List<Note> sources) {
        return field(sources, n -> n.extras().tags().stream().map(NoteExtras.TagData::name).toList(),
                n -> n.knownFullText() != null);
    }

    @Name("textWithoutTags")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL)
    @Description("The full text without its topic markup (#name[话题]#): what a reader sees.")
    public Uni<List<String>> textWithoutTags(@Source List<Note> sources) {
        return field(sources, n -> withoutTags(n.knownFullText()), n -> n.knownFullText() != null);
    }

    @Name("mentions")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @ListSize(max = NoteExtras.MAX_MENTIONS)
    @Description("The users the note mentions (@nickname): real users, free to follow to their profile.")
    public Uni<List<List<@NonNull User>>> mentions(@Source List<Note> sources) {
        return field(sources, n -> ApiMapping.mentions(n.extras().mentions()), ANY);
    }

    @Name("video")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("The video of a video note: its length, cover and streams. Listings describe it; the detail does not, so a video note not reached through a listing has none.")
    public Uni<List<Video>> video(@Source List<Note> sources) {
        return field(sources, n -> ApiMapping.video(n.extras().video()), ANY);
    }

    @Name("shareUrl")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL)
    @Description("The note's share link, with the xsec_token that opens it in a browser. Only the detail has it.")
    public Uni<List<String>> shareUrl(@Source List<Note> sources) {
        return field(sources, n -> n.extras().shareUrl(), n -> n.fromDetail() || n.extras().shareUrl() != null);
    }

    @Name("firstSeenAt")
    @Description("When this service first stored this note; null when it never did. From the snapshots only.")
    public Uni<Instant> firstSeenAt(@Source Note note) {
        return Resolvers.guard(() -> notes.firstSeen(note.xhsId()));
    }

    @Name("images")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("The images (for a video note, its cover).")
    public Uni<List<List<@NonNull Image>>> images(@Source List<Note> sources) {
        return field(sources, n -> ApiMapping.images(n.images()), ANY);
    }

    @Name("author")
    @NonNull
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("The creator who posted it.")
    public Uni<List<User>> author(@Source List<Note> sources) {
        return field(sources, n -> {
            if (n.author() == null) {
                throw new NotFoundException("The upstream did not name the note's author");
            }
            return User.of(n.author().xhsId(), n.author());
        }, n -> n.author() != null);
    }

    @Name("fetchedAt")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("When the data of this note was fetched from the upstream (the listing it came from, or the detail).")
    public Uni<List<Instant>> fetchedAt(@Source List<Note> sources) {
        return field(sources, n -> n.provenance() == null ? null : n.provenance().fetchedAt(), ANY);
    }

    @Name("source")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("Whether the data of this note was fetched now or served from a snapshot.")
    public Uni<List<DataSource>> source(@Source List<Note> sources) {
        return field(sources, n -> ApiMapping.source(n.provenance()), ANY);
    }

    @Name("stale")
    @UpstreamCost(endpoint = Endpoint.Names.NOTE_DETAIL, freeVia = "NoteConnection.nodes")
    @Description("True when the data of this note is older than the query asked for (the upstream failed, or offline mode).")
    public Uni<List<Boolean>> stale(@Source List<Note> sources) {
        return field(sources, n -> n.provenance() != null && n.provenance().stale(), ANY);
    }

    @Name("history")
    @NonNull
    @Description("Every stored observation of the note's counters, oldest first. From the snapshots only.")
    public Uni<List<@NonNull NoteObservation>> history(@Source Note note,
            @Name("since") @Description("Only observations at or after this moment.") Instant since,
            @Name("until") @Description("Only observations at or before this moment.") Instant until) {
        return Resolvers.guard(() -> {
            Resolvers.window(since, until);
            return notes.history(note.xhsId(), since, until)
                    .map(list -> list.stream().map(ApiMapping::observation).toList());
        });
    }

    @Name("comments")
    @UpstreamCost(endpoint = Endpoint.Names.COMMENTS, pages = true, filteredBy = "since", firstPageRetriedWhen = "order=LATEST")
    @Description("Top-level comments. Each upstream page needed (about 10 comments) comes from a fresh enough snapshot or costs one call; in LATEST order, a note whose newest-first page comes back empty is asked for again in the default order, as the vendor advises. Null (with an error) when a page could not be had.")
    public Uni<CommentConnection> comments(@Source Note note,
            @Name("first") @DefaultValue("10") @Description("How many comments, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after,
            @Name("order") @DefaultValue("LATEST") @Description("Upstream sort order.") CommentOrder order,
            @Name("maxAge") @Description("Serve upstream pages from snapshots at most this many seconds old when the query arrived; 0: the upstream answered after it arrived (a call in flight for another query counts).") Integer maxAge,
            @Name("since") @Description("Only comments published after this moment. The walk stops at the first upstream page that reaches back to it when the upstream says the page is newest first; otherwise it reads on (up to 50 pages).") Instant since) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            CommentOrder sort = order == null ? CommentOrder.LATEST : order;
            Pager<CommentData> pager = notes.comments(note.xhsId(), sort.upstream(),
                    Freshness.checkMaxAge(maxAge));
            var start = pager.start(after);
            Pager.Filter<CommentData> filter = since == null
                    ? Pager.Filter.all()
                    : new Pager.Filter<>(c -> c.publishedAt() == null || c.publishedAt().isAfter(since),
                            page -> newestFirst(page) && page.items().get(page.items().size() - 1).publishedAt() != null
                                    && !page.items().get(page.items().size() - 1).publishedAt().isAfter(since));
            return pager.walk(start, n, filter)
                    .map(slice -> ApiMapping.comments(slice, after != null, note.xhsId(), null));
        });
    }

    /** A note's text without its topic markup ({@code #name[话题]#}), spaces around it tidied. */
    static String withoutTags(String text) {
        if (text == null) {
            return null;
        }
        return TOPIC.matcher(text).replaceAll("").replaceAll("[ \t]{2,}", " ").strip();
    }

    private static final java.util.regex.Pattern TOPIC = java.util.regex.Pattern
            .compile("#[^#\\[\\]\\n]{1,100}\\[话题]#");

    /**
     * Whether a page of comments is newest first, so that a {@code since} walk may stop at it: the upstream says so
     * ({@code current_sort_strategy}), or, where it does not say (a stored page), its comments are in that order.
     */
    private static boolean newestFirst(Page<CommentData> page) {
        List<CommentData> items = page.items();
        if (items.isEmpty()) {
            return false;
        }
        if (page.order() != null) {
            return page.newestFirst();
        }
        for (int i = 1; i < items.size(); i++) {
            Instant before = items.get(i - 1).publishedAt();
            Instant after = items.get(i).publishedAt();
            if (before == null || after == null || after.isAfter(before)) {
                return false;
            }
        }
        return true;
    }

    @Name("storedCount")
    @Description("How many of these comments (or replies) this service holds in its snapshots.")
    public Uni<List<Integer>> storedCount(@Source List<CommentConnection> connections) {
        return Resolvers.perItem(connections, c -> (c.rootXhsId() == null
                ? notes.storedComments(c.noteXhsId())
                : comments.storedReplies(c.rootXhsId())).map(Long::intValue));
    }

    /**
     * A field from what is known of the note (the listing it came from, or one seen earlier in this request) when
     * {@code knows} says that is enough, else from the note detail (snapshot or one call per note per request).
     */
    private <T> Uni<List<T>> field(List<Note> sources, Function<NoteData, T> field, Predicate<NoteData> knows) {
        return Resolvers.perItem(sources, note -> {
            if (note.asOf() != null) {
                return Resolvers.NOT_KNOWN;
            }
            NoteData known = note.known() != null ? note.known() : notes.seen(note.xhsId());
            return known != null && knows.test(known) ? field.apply(known) : Resolvers.NOT_KNOWN;
        }, note -> note.asOf() != null
                ? notes.detailAsOf(note.xhsId(), note.asOf()).map(field)
                : notes.detail(note.xhsId(), note.maxAge()).map(field));
    }
}
