-- Per-day aggregates of the rollups, so that the dashboard's analyses read hundreds of rows instead of
-- a row per install and day (docs/analytics.md, "Day aggregates on PostgreSQL"). Each is a plain sum
-- of rollup rows, never a distinct count: the rollup rows they sum are already one per install (the
-- presence rows of one install never overlap), so the sums are exact. Triggers keep them in step with
-- every insert and delete of the rollup rows they sum, in the same transaction: the refresh, erasure,
-- and a bulk copy of rollups all maintain them without knowing of them.

-- Presence rows counted per scope ('*' for installs, else the component type), day, and the days
-- their 7- and 28-day windows stop counting them (end1 is always day + 1); firsts counts the rows that
-- are an install's first day.
CREATE TABLE rollup_coverage_day (
  scope    text   NOT NULL,
  day      date   NOT NULL,
  end7     date   NOT NULL,
  end28    date   NOT NULL,
  installs bigint NOT NULL,
  firsts   bigint NOT NULL,
  PRIMARY KEY (scope, day, end7, end28)
);

-- Install-day rows counted per scope, day and version: per component type, one row per install; for
-- '*', the rows marked version_first, one per (day, install, version) across component types.
CREATE TABLE rollup_version_day (
  scope    text   NOT NULL,
  day      date   NOT NULL,
  version  text   NOT NULL,
  installs bigint NOT NULL,
  PRIMARY KEY (scope, day, version)
);

-- Feature-day events and totals summed per day, component type and event type.
CREATE TABLE rollup_feature_totals (
  day            date   NOT NULL,
  component_type text   NOT NULL,
  event_type     text   NOT NULL,
  events         bigint NOT NULL,
  total          bigint NOT NULL,
  PRIMARY KEY (day, component_type, event_type)
);

INSERT INTO rollup_coverage_day
  SELECT '*', day, end7, end28, count(*), count(*) FILTER (WHERE first)
  FROM rollup_install_presence GROUP BY day, end7, end28
  UNION ALL
  SELECT component_type, day, end7, end28, count(*), count(*) FILTER (WHERE first)
  FROM rollup_component_presence GROUP BY component_type, day, end7, end28;
INSERT INTO rollup_version_day
  SELECT component_type, day, version, count(*) FROM rollup_install_day GROUP BY component_type, day, version
  UNION ALL
  SELECT '*', day, version, count(*) FROM rollup_install_day WHERE version_first GROUP BY day, version;
INSERT INTO rollup_feature_totals
  SELECT day, component_type, event_type, sum(events), sum(total) FROM rollup_feature_day
  GROUP BY day, component_type, event_type;

-- sign is +1 for inserted rows, -1 for deleted ones; changes is the transition table, grouped first so
-- that each aggregate row is written once per statement. Rows that reach zero are removed.
CREATE FUNCTION rollup_count_coverage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign bigint := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  IF TG_TABLE_NAME = 'rollup_install_presence' THEN
    INSERT INTO rollup_coverage_day AS c
      SELECT '*', day, end7, end28, sign * count(*), sign * count(*) FILTER (WHERE first)
      FROM changes GROUP BY day, end7, end28
      ON CONFLICT (scope, day, end7, end28)
      DO UPDATE SET installs = c.installs + excluded.installs, firsts = c.firsts + excluded.firsts;
  ELSE
    INSERT INTO rollup_coverage_day AS c
      SELECT component_type, day, end7, end28, sign * count(*), sign * count(*) FILTER (WHERE first)
      FROM changes GROUP BY component_type, day, end7, end28
      ON CONFLICT (scope, day, end7, end28)
      DO UPDATE SET installs = c.installs + excluded.installs, firsts = c.firsts + excluded.firsts;
  END IF;
  IF sign < 0 THEN
    DELETE FROM rollup_coverage_day WHERE installs = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_count_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign bigint := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO rollup_version_day AS v
    SELECT component_type, day, version, sign * count(*) FROM changes GROUP BY component_type, day, version
    UNION ALL
    SELECT '*', day, version, sign * count(*) FROM changes WHERE version_first GROUP BY day, version
    ON CONFLICT (scope, day, version) DO UPDATE SET installs = v.installs + excluded.installs;
  IF sign < 0 THEN
    DELETE FROM rollup_version_day WHERE installs = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_sum_features() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign bigint := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO rollup_feature_totals AS t
    SELECT day, component_type, event_type, sign * sum(events), sign * sum(total)
    FROM changes GROUP BY day, component_type, event_type
    ON CONFLICT (day, component_type, event_type)
    DO UPDATE SET events = t.events + excluded.events, total = t.total + excluded.total;
  IF sign < 0 THEN
    DELETE FROM rollup_feature_totals WHERE events = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_install_presence_added AFTER INSERT ON rollup_install_presence
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_coverage();
CREATE TRIGGER rollup_install_presence_removed AFTER DELETE ON rollup_install_presence
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_coverage();
CREATE TRIGGER rollup_component_presence_added AFTER INSERT ON rollup_component_presence
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_coverage();
CREATE TRIGGER rollup_component_presence_removed AFTER DELETE ON rollup_component_presence
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_coverage();
CREATE TRIGGER rollup_install_day_added AFTER INSERT ON rollup_install_day
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_versions();
CREATE TRIGGER rollup_install_day_removed AFTER DELETE ON rollup_install_day
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_versions();
CREATE TRIGGER rollup_feature_day_added AFTER INSERT ON rollup_feature_day
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_sum_features();
CREATE TRIGGER rollup_feature_day_removed AFTER DELETE ON rollup_feature_day
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_sum_features();

-- An install's latest feature-day row as of a range's last day is the one whose next day (from any
-- component, or from the same component type) lies after it: the Features analysis reads only those.
CREATE INDEX rollup_feature_day_latest_any
  ON rollup_feature_day ((coalesce(next_any, DATE '9999-12-31')), day);
CREATE INDEX rollup_feature_day_latest_same
  ON rollup_feature_day (component_type, (coalesce(next_same, DATE '9999-12-31')), day);

-- Erasure finds an install's raw records by its key.
CREATE INDEX component_events_context_key ON component_events (context_key);
CREATE INDEX cli_commands_context_key ON cli_commands (context_key);
CREATE INDEX error_reports_context_key ON error_reports (context_key);
CREATE INDEX rollup_error_day_context_key ON rollup_error_day (context_key);
CREATE INDEX rollup_cli_day_context_key ON rollup_cli_day (context_key);
CREATE INDEX rollup_install_day_context_key ON rollup_install_day (context_key);
