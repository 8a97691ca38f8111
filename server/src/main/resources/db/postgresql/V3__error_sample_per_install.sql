-- rollup_error_sample keeps each install's latest report per fingerprint (was: one per fingerprint),
-- so that erasing an install removes its sample and the fingerprint shows the latest of the others.
-- Fingerprints with reports still kept get their samples from those (a fingerprint's latest report is
-- always among its kept ones); samples whose reports were all pruned stay as they were, with no
-- install (context_key NULL), so no erasure can match them.
ALTER TABLE rollup_error_sample ADD COLUMN context_key text, ADD COLUMN seq bigint;
DELETE FROM rollup_error_sample WHERE fingerprint IN (SELECT fingerprint FROM error_reports);
INSERT INTO rollup_error_sample
  SELECT DISTINCT ON (fingerprint, context_key)
         fingerprint, error_class, message, error_json, received_at, context_key, seq
  FROM error_reports ORDER BY fingerprint, context_key, received_at DESC, seq DESC;
UPDATE rollup_error_sample SET seq = 0 WHERE seq IS NULL;
CREATE INDEX rollup_error_sample_context_key ON rollup_error_sample (context_key);
