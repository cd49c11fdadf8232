package com.xhsgraph.service.model;

import java.util.List;

/**
 * What a note carries beyond its text and counters.
 *
 * @param tags the topics it is tagged with ({@code #name[话题]#} in its text), in order
 * @param mentions the users its text mentions ({@code @nickname})
 * @param video the video of a video note, when the answer described it
 * @param shareUrl its share link (with the {@code xsec_token} that opens it), from the detail
 */
public record NoteExtras(List<TagData> tags, List<MentionData> mentions, VideoData video, String shareUrl) {

    public static final NoteExtras NONE = new NoteExtras(List.of(), List.of(), null, null);

    /** The most mentions kept of a note or a comment: what a client may ask of each mentioned user is bounded. */
    public static final int MAX_MENTIONS = 20;

    /** A topic: its id when the upstream listed it, and its name. */
    public record TagData(String id, String name) {}

    /** A user mentioned by a note or a comment: a real user id and the name shown. */
    public record MentionData(String userId, String nickname) {}

    /** A video: its length, its cover and the streams it can be played from, best first. */
    public record VideoData(Integer durationSeconds, ImageData cover, List<StreamData> streams) {}

    /** One encoding of a video. */
    public record StreamData(String url, String codec, String quality, Integer width, Integer height, Long bytes) {}
}
