-- Per scope ('*' for installs, else the component type), install and ISO week (starting Monday): the
-- days of the week it was active, as a bit mask in `days` (bit n for Monday + n), and whether its first day is in
-- that week. Retention cohorts, lifecycle and stickiness by week read these instead of a presence row per
-- install and day (docs/analytics.md, "Week aggregates on PostgreSQL").
--
-- Kept exact by sums, as the day aggregates of V4: an install has at most one presence row per scope and
-- day, so the sum of 1 << (day - Monday) over its rows is the mask, and subtracting a deleted row's bit
-- clears it. Triggers keep it in step with every insert and delete of presence rows, in the same
-- transaction: the refresh (late records rewrite an install's presence rows), erasure, and bulk copies.
CREATE TABLE rollup_active_week (
  scope       text    NOT NULL,
  context_key text    NOT NULL,
  week        date    NOT NULL,
  days        integer NOT NULL,
  firsts      integer NOT NULL,
  PRIMARY KEY (scope, week, context_key)
);

INSERT INTO rollup_active_week
  SELECT '*', context_key, day - (dow - 1), sum(1 << (dow - 1)), count(*) FILTER (WHERE first)
  FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM rollup_install_presence) p
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT component_type, context_key, day - (dow - 1), sum(1 << (dow - 1)), count(*) FILTER (WHERE first)
  FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM rollup_component_presence) p
  GROUP BY 1, 2, 3;

CREATE FUNCTION rollup_mark_weeks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  IF TG_TABLE_NAME = 'rollup_install_presence' THEN
    INSERT INTO rollup_active_week AS w
      SELECT '*', context_key, day - (dow - 1), sign * sum(1 << (dow - 1)), sign * count(*) FILTER (WHERE first)
      FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM changes) c
      GROUP BY 1, 2, 3
      ON CONFLICT (scope, week, context_key)
      DO UPDATE SET days = w.days + excluded.days, firsts = w.firsts + excluded.firsts;
  ELSE
    INSERT INTO rollup_active_week AS w
      SELECT component_type, context_key, day - (dow - 1), sign * sum(1 << (dow - 1)),
        sign * count(*) FILTER (WHERE first)
      FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM changes) c
      GROUP BY 1, 2, 3
      ON CONFLICT (scope, week, context_key)
      DO UPDATE SET days = w.days + excluded.days, firsts = w.firsts + excluded.firsts;
  END IF;
  IF sign < 0 THEN
    DELETE FROM rollup_active_week WHERE days = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_install_presence_weeks_added AFTER INSERT ON rollup_install_presence
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_weeks();
CREATE TRIGGER rollup_install_presence_weeks_removed AFTER DELETE ON rollup_install_presence
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_weeks();
CREATE TRIGGER rollup_component_presence_weeks_added AFTER INSERT ON rollup_component_presence
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_weeks();
CREATE TRIGGER rollup_component_presence_weeks_removed AFTER DELETE ON rollup_component_presence
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_weeks();

-- Cohorts and lifecycle look up an install's weeks by its key, and the cohorts' first weeks.
CREATE INDEX rollup_active_week_install ON rollup_active_week (scope, context_key, week);
CREATE INDEX rollup_active_week_first ON rollup_active_week (scope, week) WHERE firsts > 0;

-- The same per version: per scope, version, install and week, the days it ran that version (for '*'
-- the install-day rows marked version_first, one per day, install and version; per component type one
-- per day and install). An error's versions count the installs active on each version in a range here.
CREATE TABLE rollup_version_week (
  scope       text    NOT NULL,
  version     text    NOT NULL,
  context_key text    NOT NULL,
  week        date    NOT NULL,
  days        integer NOT NULL,
  PRIMARY KEY (scope, version, week, context_key)
);

INSERT INTO rollup_version_week
  SELECT component_type, version, context_key, day - (dow - 1), sum(1 << (dow - 1))
  FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM rollup_install_day) d
  GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT '*', version, context_key, day - (dow - 1), sum(1 << (dow - 1))
  FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM rollup_install_day) d
  WHERE version_first GROUP BY 1, 2, 3, 4;

CREATE FUNCTION rollup_mark_version_weeks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO rollup_version_week AS w
    SELECT component_type, version, context_key, day - (dow - 1), sign * sum(1 << (dow - 1))
    FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM changes) c
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT '*', version, context_key, day - (dow - 1), sign * sum(1 << (dow - 1))
    FROM (SELECT *, CAST(extract(isodow FROM day) AS integer) AS dow FROM changes) c
    WHERE version_first GROUP BY 1, 2, 3, 4
    ON CONFLICT (scope, version, week, context_key) DO UPDATE SET days = w.days + excluded.days;
  IF sign < 0 THEN
    DELETE FROM rollup_version_week WHERE days = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_install_day_weeks_added AFTER INSERT ON rollup_install_day
  REFERENCING NEW TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_version_weeks();
CREATE TRIGGER rollup_install_day_weeks_removed AFTER DELETE ON rollup_install_day
  REFERENCING OLD TABLE AS changes FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_version_weeks();
