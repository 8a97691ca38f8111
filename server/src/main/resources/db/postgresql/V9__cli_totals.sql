-- The CLI page counted the distinct contexts of each command and version by grouping every CLI-day row
-- of the range by context (2.5 s at 100,000 installs). Instead each CLI-day row now knows the context's
-- next day with the same command and version (next_day, as rollup_feature_day's next_any), so a
-- context is counted once, on its last day in the range: the row whose next day lies after the range.
-- Those rows are then counted per day, command, version and next day in rollup_cli_totals, kept by
-- triggers as the day aggregates of V4, and the page reads a few rows per command and day
-- (docs/analytics.md, "Day aggregates on PostgreSQL").
ALTER TABLE rollup_cli_day ADD COLUMN next_day date;

UPDATE rollup_cli_day SET next_day = n.next_day FROM (
  SELECT context_key, noun, verb, modifiers, version, day,
    lead(day) OVER (PARTITION BY context_key, noun, verb, modifiers, version ORDER BY day) AS next_day
  FROM rollup_cli_day) n
WHERE rollup_cli_day.context_key = n.context_key AND rollup_cli_day.noun = n.noun
  AND rollup_cli_day.verb = n.verb AND rollup_cli_day.modifiers = n.modifiers
  AND rollup_cli_day.version = n.version AND rollup_cli_day.day = n.day AND n.next_day IS NOT NULL;

-- until is the next day, or 9999-12-31 for none, so that it can be part of the key.
CREATE TABLE rollup_cli_totals (
  day         date   NOT NULL,
  noun        text   NOT NULL,
  verb        text   NOT NULL,
  modifiers   text   NOT NULL,
  version     text   NOT NULL,
  until       date   NOT NULL,
  contexts    bigint NOT NULL,
  invocations bigint NOT NULL,
  PRIMARY KEY (day, noun, verb, modifiers, version, until)
);

INSERT INTO rollup_cli_totals
  SELECT day, noun, verb, modifiers, version, coalesce(next_day, DATE '9999-12-31'), count(*), sum(invocations)
  FROM rollup_cli_day GROUP BY 1, 2, 3, 4, 5, 6;

-- Inserted rows count +1, deleted ones -1; an update (the refresh moving next_day) is both.
CREATE FUNCTION rollup_count_cli() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_cli_totals AS t
      SELECT day, noun, verb, modifiers, version, coalesce(next_day, DATE '9999-12-31'), count(*), sum(invocations)
      FROM added GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (day, noun, verb, modifiers, version, until)
      DO UPDATE SET contexts = t.contexts + excluded.contexts, invocations = t.invocations + excluded.invocations;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_cli_totals AS t
      SELECT day, noun, verb, modifiers, version, coalesce(next_day, DATE '9999-12-31'), -count(*), -sum(invocations)
      FROM removed GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (day, noun, verb, modifiers, version, until)
      DO UPDATE SET contexts = t.contexts + excluded.contexts, invocations = t.invocations + excluded.invocations;
    DELETE FROM rollup_cli_totals WHERE contexts = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_cli_day_totals_added AFTER INSERT ON rollup_cli_day
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_cli();
CREATE TRIGGER rollup_cli_day_totals_removed AFTER DELETE ON rollup_cli_day
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_cli();
CREATE TRIGGER rollup_cli_day_totals_moved AFTER UPDATE ON rollup_cli_day
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_cli();

-- Statistics now, so that the first queries after the upgrade plan with them.
ANALYZE rollup_cli_day;
ANALYZE rollup_cli_totals;
