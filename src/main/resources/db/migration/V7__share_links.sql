-- Share links (xhslink.com) and where they lead: expanding one is a billed call, and a link never changes its target,
-- so each is expanded once and remembered.
CREATE TABLE xhs_share_link (
    link        text PRIMARY KEY,
    target_url  text        NOT NULL,
    resolved_at timestamptz NOT NULL
);
