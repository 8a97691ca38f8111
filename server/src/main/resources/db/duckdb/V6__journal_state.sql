-- The journal (data dir/journal/) acknowledges records before they are in this file. journal_state
-- holds the highest seq applied from it, updated in the same transaction as the rows, so that a
-- restart replays exactly the journal entries above it. It also numbers new records: seq stays
-- increasing even when the newest records were erased.
CREATE TABLE journal_state (
  applied_seq BIGINT NOT NULL
);
INSERT INTO journal_state SELECT greatest(
  (SELECT coalesce(max(seq), 0) FROM component_events),
  (SELECT coalesce(max(seq), 0) FROM cli_commands),
  (SELECT coalesce(max(seq), 0) FROM error_reports),
  (SELECT value FROM rollup_state WHERE name = 'watermark_seq'));
