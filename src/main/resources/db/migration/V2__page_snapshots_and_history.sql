-- Serving from snapshots: which upstream page (list, parent, cursor) returned which items in which order, so that a
-- later walk of the same list can be answered from here while the page is fresh.
CREATE TABLE xhs_page (
    list_kind      text        NOT NULL,
    scope          text        NOT NULL,
    -- the lastCursor sent; '' for the first page
    request_cursor text        NOT NULL,
    -- the ids of the page's items, in upstream order, comma-separated
    item_ids       text        NOT NULL,
    next_cursor    text,
    has_more       boolean     NOT NULL,
    total_count    integer,
    fetched_at     timestamptz NOT NULL,
    PRIMARY KEY (list_kind, scope, request_cursor)
);

-- Time travel: each observation also keeps the descriptive fields that change over time, so that asOf can return the
-- state as it was, not only the counters.
ALTER TABLE xhs_user_observation
    ADD COLUMN nickname    text,
    ADD COLUMN red_id      text,
    ADD COLUMN bio         text,
    ADD COLUMN ip_location text,
    ADD COLUMN avatar_url  text;

ALTER TABLE xhs_note_observation
    ADD COLUMN title text;
