-- Snapshots of everything fetched from Just One API: the latest state of each user, note and comment, and every
-- observation of their counters. There are no foreign keys between them on purpose: the graph can fetch the comments
-- of a note it never fetched, or a note of an author whose profile it never fetched.

CREATE TABLE xhs_user (
    xhs_id             varchar(32) PRIMARY KEY,
    red_id             text,
    nickname           text,
    avatar_url         text,
    bio                text,
    ip_location        text,
    gender             integer,
    follower_count     integer,
    following_count    integer,
    liked_count        integer,
    collected_count    integer,
    note_count         integer,
    verified           boolean,
    first_seen_at      timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- null until the profile endpoint was called; before that only what note listings tell is known
    profile_fetched_at timestamptz
);

CREATE TABLE xhs_user_observation (
    id              bigserial PRIMARY KEY,
    user_id         varchar(32) NOT NULL,
    observed_at     timestamptz NOT NULL,
    follower_count  integer,
    following_count integer,
    liked_count     integer,
    collected_count integer,
    note_count      integer
);
CREATE INDEX xhs_user_observation_user_time ON xhs_user_observation (user_id, observed_at);

CREATE TABLE xhs_note (
    xhs_id            varchar(32) PRIMARY KEY,
    author_id         varchar(32),
    title             text,
    -- the note list's truncated desc; full_text comes from the note detail
    excerpt           text,
    full_text         text,
    note_type         text,
    pinned            boolean,
    published_at      timestamptz,
    edited_at         timestamptz,
    like_count        integer,
    comment_count     integer,
    collect_count     integer,
    share_count       integer,
    ip_location       text,
    -- JSON array of {url, width, height}
    images_json       text        NOT NULL DEFAULT '[]',
    first_seen_at     timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    detail_fetched_at timestamptz
);
CREATE INDEX xhs_note_author_published ON xhs_note (author_id, published_at DESC);

CREATE TABLE xhs_note_observation (
    id            bigserial PRIMARY KEY,
    note_id       varchar(32) NOT NULL,
    observed_at   timestamptz NOT NULL,
    like_count    integer,
    comment_count integer,
    collect_count integer,
    share_count   integer
);
CREATE INDEX xhs_note_observation_note_time ON xhs_note_observation (note_id, observed_at);

CREATE TABLE xhs_comment (
    xhs_id                varchar(32) PRIMARY KEY,
    note_id               varchar(32) NOT NULL,
    -- null for a top-level comment; for a reply, the top-level comment of its thread
    root_id               varchar(32),
    -- for a reply, the comment it answers: the root or another reply
    reply_to_id           varchar(32),
    content               text,
    published_at          timestamptz,
    like_count            integer,
    reply_count           integer,
    ip_location           text,
    status                integer,
    comment_type          integer,
    author_nickname       text,
    author_avatar_url     text,
    author_red_id         text,
    -- the upstream's obfuscated author id: it changes over time, so it is kept for reference only
    author_unstable_id    text,
    author_is_note_author boolean     NOT NULL DEFAULT false,
    -- JSON array of {url, width, height}
    pictures_json         text        NOT NULL DEFAULT '[]',
    first_seen_at         timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX xhs_comment_note_published ON xhs_comment (note_id, published_at DESC) WHERE root_id IS NULL;
CREATE INDEX xhs_comment_thread ON xhs_comment (root_id, published_at) WHERE root_id IS NOT NULL;

CREATE TABLE xhs_comment_observation (
    id          bigserial PRIMARY KEY,
    comment_id  varchar(32) NOT NULL,
    observed_at timestamptz NOT NULL,
    like_count  integer,
    reply_count integer
);
CREATE INDEX xhs_comment_observation_comment_time ON xhs_comment_observation (comment_id, observed_at);
