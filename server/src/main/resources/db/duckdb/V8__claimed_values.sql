-- A value every server and tool of the store must agree on, set by the first to claim its key and read
-- by every later one: the check of the context key the stored contextIds were keyed with.
CREATE TABLE claimed_values (
  claim_key   VARCHAR PRIMARY KEY,
  claim_value VARCHAR NOT NULL,
  claimed_at  TIMESTAMP NOT NULL
);
