-- A value every server and tool sharing the database must agree on, set by the first to claim its key
-- and read by every later one: the check of the context key the stored contextIds were keyed with.
CREATE TABLE claimed_values (
    claim_key   TEXT        PRIMARY KEY,
    claim_value TEXT        NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
