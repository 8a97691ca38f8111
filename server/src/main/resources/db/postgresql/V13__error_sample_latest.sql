-- An error's sample is its latest report over the per-install samples: an index in that order lets
-- the Errors page and an error's page read one row per fingerprint instead of sorting all of them.
CREATE INDEX rollup_error_sample_latest ON rollup_error_sample (fingerprint, received_at DESC, seq DESC);
-- The refresh finds a stored sample by fingerprint and install. By fingerprint alone, an insert of
-- many new samples probed every sample of the fingerprint, its own new ones included: quadratic in
-- the first build of a large store. Fingerprint-only lookups use the index above.
CREATE INDEX rollup_error_sample_install ON rollup_error_sample (fingerprint, context_key);
DROP INDEX rollup_error_sample_fingerprint;
ANALYZE rollup_error_sample;
