-- An error's sample is its latest report over the per-install samples: an index in that order lets
-- the Errors page and an error's page read one row per fingerprint instead of sorting all of them.
CREATE INDEX rollup_error_sample_latest ON rollup_error_sample (fingerprint, received_at DESC, seq DESC);
ANALYZE rollup_error_sample;
