-- Usage accounting: upstream calls per endpoint per day (in the configured time zone), flushed every few seconds.
CREATE TABLE xhs_upstream_usage (
    day      date    NOT NULL,
    endpoint text    NOT NULL,
    calls    integer NOT NULL DEFAULT 0,
    billed   integer NOT NULL DEFAULT 0,
    failed   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, endpoint)
);
