package com.xhsgraph.service.model;

import java.time.Instant;
import java.util.List;

/**
 * What is known of a note. From the note list ({@code fromDetail} false) the text is an excerpt and the IP location is
 * missing; from the note detail everything is set.
 */
public record NoteData(String xhsId, ProfileData author, String title, String excerpt, String text, String type,
        Boolean pinned, Instant publishedAt, Instant editedAt, Integer likeCount, Integer commentCount,
        Integer collectCount, Integer shareCount, String ipLocation, List<ImageData> images, NoteExtras extras,
        boolean fromDetail, Provenance provenance) implements Sourced<NoteData> {

    public NoteData {
        images = images == null ? List.of() : images;
        extras = extras == null ? NoteExtras.NONE : extras;
    }

    /** The note list cuts {@code desc} at about 100 characters; anything this long may have been cut. */
    public static final int EXCERPT_CUT_THRESHOLD = 95;

    @Override
    public NoteData withProvenance(Provenance p) {
        return new NoteData(xhsId, author, title, excerpt, text, type, pinned, publishedAt, editedAt, likeCount,
                commentCount, collectCount, shareCount, ipLocation, images, extras, fromDetail, p);
    }

    /** The same note under another id (the upstream sometimes leaves its own id out). */
    public NoteData withId(String id) {
        return new NoteData(id, author, title, excerpt, text, type, pinned, publishedAt, editedAt, likeCount,
                commentCount, collectCount, shareCount, ipLocation, images, extras, fromDetail, provenance);
    }

    /** The full text when it is known without a detail call: from the detail, or an excerpt too short to be cut. */
    public String knownFullText() {
        if (text != null) {
            return text;
        }
        if (excerpt != null && excerpt.codePointCount(0, excerpt.length()) < EXCERPT_CUT_THRESHOLD
                && excerpt.length() < EXCERPT_CUT_THRESHOLD) {
            return excerpt;
        }
        return null;
    }
}
