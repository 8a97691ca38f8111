-- Features reported each event type's median, 90th percentile and maximum level over the installs, from
-- each install's last feature-day row in the range, grouped by install (2.5 s at 100,000 installs:
-- 750,000 rows hashed by a 64-character key). The levels are counted instead: per scope ('*' for
-- installs, with an install's levels summed over its component types, else the component type), day,
-- event type, level and until (the install's next day with the event type, next_any for '*' and
-- next_same per component type, or 9999-12-31), how many installs had that level. An install's last day
-- in a range is the one whose until lies after it, so the page reads the histogram of those rows and
-- interpolates the percentiles from it as percentile_cont does (docs/analytics.md).
--
-- Kept by triggers as the day aggregates of V4. The '*' rows sum the rows of one install, day and event
-- type, so a statement must insert or delete all of those rows together, as every writer does: the
-- refresh rewrites whole install-days, erasure deletes whole installs, and the refresh moves next_any
-- for all of them at once (an update that leaves level and next_any alone cancels out for '*').
CREATE TABLE rollup_feature_levels (
  scope      text   NOT NULL,
  day        date   NOT NULL,
  event_type text   NOT NULL,
  until      date   NOT NULL,
  level      bigint NOT NULL,
  installs   bigint NOT NULL,
  PRIMARY KEY (scope, day, event_type, until, level)
);

INSERT INTO rollup_feature_levels
  SELECT '*', day, event_type, until, level, count(*) FROM (
    SELECT day, event_type, min(coalesce(next_any, DATE '9999-12-31')) AS until, sum(level) AS level
    FROM rollup_feature_day GROUP BY day, context_key, event_type) i
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT component_type, day, event_type, coalesce(next_same, DATE '9999-12-31'), level, count(*)
  FROM rollup_feature_day GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION rollup_count_levels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_feature_levels AS l
      SELECT '*', day, event_type, until, level, count(*) FROM (
        SELECT day, event_type, min(coalesce(next_any, DATE '9999-12-31')) AS until, sum(level) AS level
        FROM added GROUP BY day, context_key, event_type) i
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT component_type, day, event_type, coalesce(next_same, DATE '9999-12-31'), level, count(*)
      FROM added GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (scope, day, event_type, until, level) DO UPDATE SET installs = l.installs + excluded.installs;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_feature_levels AS l
      SELECT '*', day, event_type, until, level, -count(*) FROM (
        SELECT day, event_type, min(coalesce(next_any, DATE '9999-12-31')) AS until, sum(level) AS level
        FROM removed GROUP BY day, context_key, event_type) i
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT component_type, day, event_type, coalesce(next_same, DATE '9999-12-31'), level, -count(*)
      FROM removed GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (scope, day, event_type, until, level) DO UPDATE SET installs = l.installs + excluded.installs;
    DELETE FROM rollup_feature_levels WHERE installs = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_feature_day_levels_added AFTER INSERT ON rollup_feature_day
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_levels();
CREATE TRIGGER rollup_feature_day_levels_removed AFTER DELETE ON rollup_feature_day
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_levels();
CREATE TRIGGER rollup_feature_day_levels_moved AFTER UPDATE ON rollup_feature_day
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_levels();

-- A range's last days are the rows whose until lies after it: most often 9999-12-31 alone.
CREATE INDEX rollup_feature_levels_last ON rollup_feature_levels (scope, until, day)
  INCLUDE (event_type, level, installs);

-- Statistics now, so that the first queries after the upgrade plan with them.
ANALYZE rollup_feature_levels;
