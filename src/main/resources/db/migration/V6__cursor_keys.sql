-- The keys that sign cursors (HMAC-SHA256) when the operator configures none: one is added every rotation period,
-- the newest that every instance has had time to load signs, and all of them verify until they are older than the
-- rotation period plus its grace period.
CREATE TABLE xhs_cursor_key (
    id bigserial PRIMARY KEY,
    secret bytea NOT NULL CHECK (length(secret) >= 32),
    created_at timestamptz NOT NULL
);
