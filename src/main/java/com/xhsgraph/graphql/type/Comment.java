package com.xhsgraph.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.NoteExtras;

@Name("Comment")
@Description("""
        A top-level comment on a note, or a reply in a comment's thread. A comment known only as the target of a reply \
        (replyTo) that this service never fetched itself carries only its id, author and note.""")
public record Comment(
        @NonNull @Description("The raw 24-hex Xiaohongshu comment id.") String xhsId,
        @Description("The text; emoji appear as codes like [笑哭R]. Null when only a reference to the comment is known.") String content,
        @Description("When it was posted.") Instant publishedAt,
        @Description("Likes.") Integer likeCount,
        @Description("Province or country it was posted from, when the upstream says (not on replies).") String ipLocation,
        @NonNull @Description("Who wrote it.") CommentAuthor author,
        @NonNull @Description("Pictures of an image comment; empty otherwise.") List<@NonNull Image> pictures,
        @Description("Replies in this comment's thread, as the upstream counts them; null on replies.") Integer replyCount,
        @Description("When the page this comment came from was fetched from the upstream.") Instant fetchedAt,
        @Description("Whether it was fetched now or served from a snapshot.") DataSource source,
        @Description("True when served from a snapshot older than the query asked for, because the upstream failed or the service is offline.") Boolean stale,
        @NonNull @ListSize(max = NoteExtras.MAX_MENTIONS) @Description("The users it mentions (@nickname): real users, free to follow to their profile.") List<@NonNull User> mentions,
        @NonNull @Name("isFirstComment") @Description("True when the upstream labels it the note's first comment (首评).") boolean isFirstComment,
        @NonNull @Name("isLikedByAuthor") @Description("True when the upstream labels it liked by the note's author (作者赞过).") boolean isLikedByAuthor,
        @Description("The upstream's status code: 0 for a normal comment; 3 is seen on some comments whose text is still shown (its meaning is not documented).") Integer status,
        @Ignore CommentData data) implements Node {

    @Override
    @Id
    @NonNull
    @Description("Opaque global id; Query.node resolves it.")
    public String getId() {
        return NodeIds.comment(data.noteId(), xhsId, data.rootId());
    }

    /** Equal when they denote the same comment; see {@link Note#equals(Object)}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Comment other && xhsId.equals(other.xhsId)
                && java.util.Objects.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return xhsId.hashCode();
    }
}
