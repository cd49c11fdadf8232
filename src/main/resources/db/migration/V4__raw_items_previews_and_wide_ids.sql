-- Keep everything the upstream gave: the raw item beside the normalised columns (so that a field added later can be
-- served from what was already paid for), the inline reply preview of each top-level comment, and ids of any length.

ALTER TABLE xhs_user
    ALTER COLUMN xhs_id TYPE text,
    ADD COLUMN raw_profile jsonb,
    ADD COLUMN extras_json text;
ALTER TABLE xhs_user_observation
    ALTER COLUMN user_id TYPE text;

ALTER TABLE xhs_note
    ALTER COLUMN xhs_id TYPE text,
    ALTER COLUMN author_id TYPE text,
    -- the item as the note list gave it, and as the note detail gave it
    ADD COLUMN raw_listing jsonb,
    ADD COLUMN raw_detail jsonb,
    -- what the graph serves beyond the columns above (tags, topics, mentions, video, share link), as JSON
    ADD COLUMN extras_json text;
ALTER TABLE xhs_note_observation
    ALTER COLUMN note_id TYPE text;

ALTER TABLE xhs_comment
    ALTER COLUMN xhs_id TYPE text,
    ALTER COLUMN note_id TYPE text,
    ALTER COLUMN root_id TYPE text,
    ALTER COLUMN reply_to_id TYPE text,
    ADD COLUMN raw jsonb,
    ADD COLUMN extras_json text,
    -- the replies a comment page showed inline with this top-level comment, in order, comma-separated; where the
    -- thread continues after them (sub_comment_cursor) and whether it does (sub_comment_has_more, when given)
    ADD COLUMN preview_ids text,
    ADD COLUMN preview_cursor text,
    ADD COLUMN preview_has_more boolean;
ALTER TABLE xhs_comment_observation
    ALTER COLUMN comment_id TYPE text;
