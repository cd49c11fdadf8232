-- One economy for every instance on this database: the rate limit, the breaker and upstream calls in flight.

-- One token bucket per upstream endpoint. A call takes a token (tokens may go below zero: a reservation, and the
-- caller waits until it is due); the rate and burst come with each call, from the instance's configuration.
CREATE TABLE xhs_rate_bucket (
    endpoint text PRIMARY KEY,
    tokens double precision NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The account breaker: after an account-level failure (100, 303, 600, 601) no instance calls before open_until.
CREATE TABLE xhs_breaker (
    id smallint PRIMARY KEY CHECK (id = 1),
    kind text NOT NULL,
    code integer,
    message text NOT NULL,
    open_until timestamptz NOT NULL
);

-- Upstream calls in flight, one row per distinct call: the instance that holds the row makes the call and the others
-- wait for the page it stores. The holder renews expires_at while it works; a row whose holder died expires. A call
-- that failed leaves its failure for the waiters until the row is taken again or cleaned up.
CREATE TABLE xhs_call_lease (
    call_key text PRIMARY KEY,
    owner text NOT NULL,
    expires_at timestamptz NOT NULL,
    finished_at timestamptz,
    failure_kind text,
    failure_code integer,
    failure_message text
);
CREATE INDEX xhs_call_lease_owner ON xhs_call_lease (owner) WHERE finished_at IS NULL;
