-- Who may spend: clients with hashed API keys, their daily budgets of billed upstream calls, and the documents
-- registered for persisted queries.

CREATE TABLE xhs_client (
    -- the client's name, unique: usage and budgets are kept under it
    id text PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('client', 'admin')),
    daily_budget integer NOT NULL CHECK (daily_budget >= 0),
    -- browser origins it may be called from, comma-separated; null: the ones the service allows
    allowed_origins text,
    -- SHA-256 (hex) of its API key; the key itself is shown once, when created, and never stored
    key_hash text UNIQUE,
    -- the key's first characters, to recognise it in lists
    key_prefix text,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- Upstream calls caused by each client, per day (in the usage time zone) and endpoint: what its budget is charged.
CREATE TABLE xhs_client_usage (
    client_id text NOT NULL,
    day date NOT NULL,
    endpoint text NOT NULL,
    calls integer NOT NULL DEFAULT 0,
    billed integer NOT NULL DEFAULT 0,
    PRIMARY KEY (client_id, day, endpoint)
);

-- The estimates of queries admitted and still running: reserved against the budget until the query has been charged
-- what it really billed. A reservation a crashed instance never settled stops counting when it expires.
CREATE TABLE xhs_budget_reservation (
    id bigserial PRIMARY KEY,
    client_id text NOT NULL,
    day date NOT NULL,
    calls integer NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX xhs_budget_reservation_client_day ON xhs_budget_reservation (client_id, day);

-- Documents known by their SHA-256: registered by clients (automatic persisted queries) or trusted by an admin.
CREATE TABLE xhs_persisted_query (
    sha256 text PRIMARY KEY,
    document text NOT NULL,
    trusted boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);
