package com.xhsgraph.service.model;

import java.util.Objects;

/**
 * One upstream call, typed: which endpoint, for what, at which cursor. It keys everything that is per call: single
 * flight, the request cache, the hot snapshot cache and the stored pages.
 *
 * @param endpoint the endpoint
 * @param id the user (profile, note list), the note (detail, comments) or the top-level comment (replies)
 * @param noteId the note of a reply thread; null otherwise
 * @param sort the upstream sort of a comment list; null otherwise
 * @param cursor the {@code lastCursor} of a page; null for the first page and for single objects
 */
public record CallKey(Endpoint endpoint, String id, String noteId, String sort, String cursor) {

    public CallKey {
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(id);
    }

    public static CallKey profile(String userId) {
        return new CallKey(Endpoint.USER, userId, null, null, null);
    }

    public static CallKey noteDetail(String noteId) {
        return new CallKey(Endpoint.NOTE_DETAIL, noteId, null, null, null);
    }

    public static CallKey notePage(String userId, String cursor) {
        return new CallKey(Endpoint.NOTE_LIST, userId, null, null, cursor);
    }

    public static CallKey commentPage(String noteId, String sort, String cursor) {
        return new CallKey(Endpoint.COMMENTS, noteId, null, Objects.requireNonNull(sort), cursor);
    }

    public static CallKey replyPage(String noteId, String rootId, String cursor) {
        return new CallKey(Endpoint.REPLIES, rootId, Objects.requireNonNull(noteId), null, cursor);
    }

    /**
     * A page of a note search: {@code keyword}, the upstream {@code sort} and {@code noteType}, and the page number as
     * the cursor (null for page 1).
     */
    public static CallKey searchNotes(String keyword, String sort, String noteType, String page) {
        return new CallKey(Endpoint.SEARCH_NOTES, keyword, null, Objects.requireNonNull(sort) + "/"
                + Objects.requireNonNull(noteType), page);
    }

    /** A page of a user search; the page number is the cursor (null for page 1). */
    public static CallKey searchUsers(String keyword, String page) {
        return new CallKey(Endpoint.SEARCH_USERS, keyword, null, null, page);
    }

    /** What a share link points to. */
    public static CallKey shareLink(String link) {
        return new CallKey(Endpoint.SHARE_LINK, link, null, null, null);
    }

    /** The same list at another cursor. */
    public CallKey at(String otherCursor) {
        return new CallKey(endpoint, id, noteId, sort, otherCursor);
    }

    /** The list a page belongs to, e.g. {@code notes} or {@code comments-latest}; part of every connection cursor. */
    public String listKind() {
        return switch (endpoint) {
            case NOTE_LIST -> "notes";
            case COMMENTS -> "comments-" + sort;
            case REPLIES -> "replies";
            case SEARCH_NOTES -> "search-notes-" + sort;
            case SEARCH_USERS -> "search-users";
            case USER, NOTE_DETAIL, SHARE_LINK -> throw new IllegalStateException(endpoint + " is not a list");
        };
    }

    /** The parent of a list: the user, the note, or {@code note:comment} for a reply thread. */
    public String scope() {
        return endpoint == Endpoint.REPLIES ? noteId + ":" + id : id;
    }

    /** What the call fetches, for messages: e.g. "the profile of 5c2f...". */
    public String describe() {
        return switch (endpoint) {
            case USER -> "the profile of " + id;
            case NOTE_DETAIL -> "the note " + id;
            case NOTE_LIST -> "a page of the notes of " + id;
            case COMMENTS -> "a page of the comments on " + id;
            case REPLIES -> "a page of the replies to " + id;
            case SEARCH_NOTES -> "a page of the notes found for \"" + id + "\"";
            case SEARCH_USERS -> "a page of the users found for \"" + id + "\"";
            case SHARE_LINK -> "the target of the share link " + id;
        };
    }

    @Override
    public String toString() {
        return endpoint.path() + "|" + id + "|" + (noteId == null ? "" : noteId) + "|" + (sort == null ? "" : sort)
                + "|" + (cursor == null ? "" : cursor);
    }
}
