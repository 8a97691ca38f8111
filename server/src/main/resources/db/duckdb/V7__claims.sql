-- What the server has done once (an alert posted, a weekly digest sent), kept with the data so that a
-- restart does not do it again: the INSERT that adds the key does it, a later one finds the key taken.
CREATE TABLE claims (
  claim_key  VARCHAR PRIMARY KEY,
  claimed_at TIMESTAMP NOT NULL
);
