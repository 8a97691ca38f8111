-- An error's sample is its latest report over the per-install samples: an index in that order lets
-- the Errors page and an error's page read one row per fingerprint instead of sorting all of them.
CREATE INDEX rollup_error_sample_latest ON rollup_error_sample (fingerprint, received_at DESC, seq DESC);
-- The refresh finds a stored sample by fingerprint and install; fingerprint-only lookups use the
-- index above.
CREATE INDEX rollup_error_sample_install ON rollup_error_sample (fingerprint, context_key);
DROP INDEX rollup_error_sample_fingerprint;
-- No ANALYZE here: on a new store it would record the table as empty, and the first build's insert
-- of new samples (planned in its one transaction, against that) would rescan the rows it inserted.
