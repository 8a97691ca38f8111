-- rollup_error_sample keeps each install's latest report per fingerprint (was: one per fingerprint),
-- so that erasing an install removes its sample and the fingerprint shows the latest of the others.
-- Fingerprints with reports still kept get their samples from those (a fingerprint's latest report is
-- always among its kept ones); samples whose reports were all pruned stay as they were, with no
-- install (context_key NULL), so no erasure can match them.
ALTER TABLE rollup_error_sample ADD COLUMN context_key VARCHAR;
ALTER TABLE rollup_error_sample ADD COLUMN seq BIGINT;
DELETE FROM rollup_error_sample WHERE fingerprint IN (SELECT fingerprint FROM error_reports);
INSERT INTO rollup_error_sample
  SELECT fingerprint, arg_max(error_class, (received_at, seq)), arg_max(message, (received_at, seq)),
         arg_max(error_json, (received_at, seq)), max(received_at), context_key, arg_max(seq, (received_at, seq))
  FROM error_reports GROUP BY fingerprint, context_key;
UPDATE rollup_error_sample SET seq = 0 WHERE seq IS NULL;
