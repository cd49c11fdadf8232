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
import com.xhsgraph.graphql.type.Image;
import com.xhsgraph.graphql.type.Note;
import com.xhsgraph.graphql.type.NoteType;
import com.xhsgraph.graphql.type.User;
import com.xhsgraph.mapping.ApiMapping;
import com.xhsgraph.service.CommentData;
import com.xhsgraph.service.NotFoundException;
import com.xhsgraph.service.NoteData;
import com.xhsgraph.service.NoteService;
import com.xhsgraph.service.Pager;

import io.smallrye.mutiny.Uni;

/** {@code Query.note}, the fields of {@code Note} and {@code Note.comments}. */
@GraphQLApi
public class NoteGraphQLApi {

    private static final Predicate<NoteData> ANY = n -> true;

    private final NoteService notes;
    private final XhsConfig config;

    NoteGraphQLApi(NoteService notes, XhsConfig config) {
        this.notes = notes;
        this.config = config;
    }

    @Query("note")
    @Description("A note by id. Costs nothing by itself: fields a listing did not provide cost one detail call.")
    public Uni<Note> note(
            @Name("id") @NonNull @Description("The 24-hex note id, or a note URL such as https://www.xiaohongshu.com/explore/<id>.") String id) {
        return Resolvers.guard(() -> Uni.createFrom().item(Note.of(XhsIds.note(id), null)));
    }

    @Name("title")
    @Description("Title; may be empty.")
    public Uni<List<String>> title(@Source List<Note> sources) {
        return field(sources, NoteData::title, ANY);
    }

    @Name("text")
    @Description("""
            The full text. Listings give an excerpt cut at about 100 characters, so this costs a detail call only when \
            the excerpt may have been cut.""")
    public Uni<List<String>> text(@Source List<Note> sources) {
        return field(sources, NoteData::knownFullText, n -> n.knownFullText() != null);
    }

    @Name("type")
    @Description("Image note or video note.")
    public Uni<List<NoteType>> type(@Source List<Note> sources) {
        return field(sources, n -> NoteType.of(n.type()), ANY);
    }

    @Name("pinned")
    @Description("Whether the creator pinned the note to the top of their profile.")
    public Uni<List<Boolean>> pinned(@Source List<Note> sources) {
        return field(sources, n -> Boolean.TRUE.equals(n.pinned()), ANY);
    }

    @Name("publishedAt")
    @Description("When it was posted.")
    public Uni<List<Instant>> publishedAt(@Source List<Note> sources) {
        return field(sources, NoteData::publishedAt, ANY);
    }

    @Name("editedAt")
    @Description("When it was last edited; null when never.")
    public Uni<List<Instant>> editedAt(@Source List<Note> sources) {
        return field(sources, NoteData::editedAt, ANY);
    }

    @Name("likeCount")
    @Description("Likes.")
    public Uni<List<Integer>> likeCount(@Source List<Note> sources) {
        return field(sources, NoteData::likeCount, ANY);
    }

    @Name("commentCount")
    @Description("Comments including replies.")
    public Uni<List<Integer>> commentCount(@Source List<Note> sources) {
        return field(sources, NoteData::commentCount, ANY);
    }

    @Name("collectCount")
    @Description("Collects (saves).")
    public Uni<List<Integer>> collectCount(@Source List<Note> sources) {
        return field(sources, NoteData::collectCount, ANY);
    }

    @Name("shareCount")
    @Description("Shares.")
    public Uni<List<Integer>> shareCount(@Source List<Note> sources) {
        return field(sources, NoteData::shareCount, ANY);
    }

    @Name("ipLocation")
    @Description("Province or country it was posted from. Only the detail has it: a detail call unless already made.")
    public Uni<List<String>> ipLocation(@Source List<Note> sources) {
        return field(sources, NoteData::ipLocation, NoteData::fromDetail);
    }

    @Name("images")
    @Description("The images (for a video note, its cover).")
    public Uni<List<List<@NonNull Image>>> images(@Source List<Note> sources) {
        return field(sources, n -> ApiMapping.images(n.images()), ANY);
    }

    @Name("author")
    @NonNull
    @Description("The creator who posted it.")
    public Uni<List<User>> author(@Source List<Note> sources) {
        return field(sources, n -> {
            if (n.author() == null) {
                throw new NotFoundException("The upstream did not name the note's author");
            }
            return User.of(n.author().xhsId(), n.author());
        }, n -> n.author() != null);
    }

    @Name("comments")
    @NonNull
    @Description("Top-level comments. Costs one upstream call per upstream page needed (about 10 comments each).")
    public Uni<CommentConnection> comments(@Source Note note,
            @Name("first") @DefaultValue("10") @Description("How many comments, 0 to 100.") Integer first,
            @Name("after") @Description("Continue after this cursor (an endCursor or an edge cursor).") String after,
            @Name("order") @DefaultValue("LATEST") @Description("Upstream sort order.") CommentOrder order) {
        return Resolvers.guard(() -> {
            int n = Resolvers.first(first, 10, config.graph().maxPageSize());
            CommentOrder sort = order == null ? CommentOrder.LATEST : order;
            Pager<CommentData> pager = notes.comments(note.xhsId(), sort.upstream());
            return pager.walk(pager.start(after), n).map(slice -> ApiMapping.comments(slice, after != null));
        });
    }

    /**
     * A field from what is known of the note (the listing it came from, or one seen earlier in this request) when
     * {@code knows} says that is enough, else from the note detail (one call per note per request).
     */
    private <T> Uni<List<T>> field(List<Note> sources, Function<NoteData, T> field, Predicate<NoteData> knows) {
        return Resolvers.perItem(sources, note -> {
            NoteData known = note.known() != null ? note.known() : notes.seen(note.xhsId());
            if (known != null && knows.test(known)) {
                return Uni.createFrom().item(field.apply(known));
            }
            return notes.detail(note.xhsId()).map(field);
        });
    }
}
