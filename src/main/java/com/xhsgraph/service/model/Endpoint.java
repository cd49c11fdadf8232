package com.xhsgraph.service.model;

/**
 * The Just One API endpoints the graph calls: the one place for their names and page sizes. Every layer names them
 * (the upstream client calls them, the fetch pipeline keys calls and freshness by them, usage rows and the budget plan
 * report them, the schema declares which field may call which), so they live in the shared model.
 */
public enum Endpoint {

    /** A creator's profile. */
    USER(Names.USER, "user", 1),
    /** A page of a creator's notes, about 10 a page. */
    NOTE_LIST(Names.NOTE_LIST, "note-list", 10),
    /** A note with its full text and IP location. */
    NOTE_DETAIL(Names.NOTE_DETAIL, "note-detail", 1),
    /** A page of a note's top-level comments, about 10 a page. */
    COMMENTS(Names.COMMENTS, "comments", 10),
    /** A page of the replies under a top-level comment, about 5 a page. */
    REPLIES(Names.REPLIES, "replies", 5),
    /**
     * A page of the notes a keyword finds, by page number. Pages hold up to 20; fewer when the upstream leaves out
     * results it cannot show, so a walk reads at most the pages its estimate counts.
     */
    SEARCH_NOTES(Names.SEARCH_NOTES, "search-notes", 20),
    /** A page of the users a keyword finds, by page number, up to 20 a page. */
    SEARCH_USERS(Names.SEARCH_USERS, "search-users", 20),
    /** What a share link ({@code xhslink.com}) points to. */
    SHARE_LINK(Names.SHARE_LINK, "share-link", 1);

    /** The names as compile-time constants, for annotations that declare which endpoint a field may call. */
    public static final class Names {
        public static final String USER = "get-user/v3";
        public static final String NOTE_LIST = "get-user-note-list/v4";
        public static final String NOTE_DETAIL = "get-note-detail/v1";
        public static final String COMMENTS = "get-note-comment/v2";
        public static final String REPLIES = "get-note-sub-comment/v2";
        public static final String SEARCH_NOTES = "search-note/v2";
        public static final String SEARCH_USERS = "search-user/v2";
        public static final String SHARE_LINK = "share-url-transfer/v1";

        private Names() {}
    }

    private final String path;
    private final String shortName;
    private final int pageSize;

    Endpoint(String path, String shortName, int pageSize) {
        this.path = path;
        this.shortName = shortName;
        this.pageSize = pageSize;
    }

    /** The path under {@code /api/xiaohongshu/}, e.g. {@code get-user/v3}; also its name in logs, metrics and usage. */
    public String path() {
        return path;
    }

    /** The short name in configuration keys, e.g. {@code note-list}. */
    public String shortName() {
        return shortName;
    }

    /** Items per upstream page (1 for endpoints that return one object). */
    public int pageSize() {
        return pageSize;
    }

    /** Whether the endpoint returns pages of a list. */
    public boolean paged() {
        return this == NOTE_LIST || this == COMMENTS || this == REPLIES || this == SEARCH_NOTES || this == SEARCH_USERS;
    }

    /** The endpoint with this path. */
    public static Endpoint ofPath(String path) {
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return e;
            }
        }
        throw new IllegalArgumentException("No endpoint " + path);
    }

    @Override
    public String toString() {
        return path;
    }
}
