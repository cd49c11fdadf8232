package com.xhsgraph.service.model;

import java.util.List;

/**
 * What a comment carries beyond its text and counters.
 *
 * @param mentions the users it mentions ({@code at_users}: real user ids)
 * @param labels the upstream's labels on it ({@code show_tags_v2} types, e.g. {@code note_first} for the first
 *        comment, {@code author_liked} when the note's author liked it)
 */
public record CommentExtras(List<NoteExtras.MentionData> mentions, List<String> labels) {

    public static final CommentExtras NONE = new CommentExtras(List.of(), List.of());
}
