-- What is done once per deployment (an alert posted, a weekly digest sent): the first server whose
-- INSERT adds the key does it; the others find the key taken.
CREATE TABLE claims (
    claim_key  TEXT        PRIMARY KEY,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
