package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("CommentAuthor")
@Description("""
        Who wrote a comment or reply. Not a User: the upstream identifies comment authors only by an obfuscated id that \
        changes over time and that no endpoint accepts, so they cannot be followed to a profile.""")
public record CommentAuthor(
        @Description("Display name.") String nickname,
        @Description("Avatar URL.") String avatarUrl,
        @Description("The public Xiaohongshu number, when the author has one.") String redId,
        @NonNull @Name("isNoteAuthor") @Description("True when the upstream marks the author as the note's author.") boolean isNoteAuthor) {}
