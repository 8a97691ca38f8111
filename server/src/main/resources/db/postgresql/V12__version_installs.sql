-- An error's versions count the installs active on each version over the range; from the week rows of
-- V6 that meant a distinct count over a row per install and week (1.9 s at 100,000 installs). Instead
-- each install-day row now knows the install's next day on the same version (next_day, set by the
-- refresh as on the CLI-day rows of V9), and rollup_version_installs counts the rows marked
-- version_first (one per day, install and version) per day, version and until (that next day, or
-- 9999-12-31): an install is counted once in a range, on its last day there on the version, the one
-- whose until lies after the range. Kept by triggers as the day aggregates of V4.
ALTER TABLE rollup_install_day ADD COLUMN next_day date;

UPDATE rollup_install_day SET next_day = n.next_day FROM (
  SELECT context_key, version, day, lead(day) OVER (PARTITION BY context_key, version ORDER BY day) AS next_day
  FROM (SELECT DISTINCT context_key, version, day FROM rollup_install_day) d) n
WHERE rollup_install_day.context_key = n.context_key AND rollup_install_day.version = n.version
  AND rollup_install_day.day = n.day AND n.next_day IS NOT NULL;

CREATE TABLE rollup_version_installs (
  day      date   NOT NULL,
  version  text   NOT NULL,
  until    date   NOT NULL,
  installs bigint NOT NULL,
  PRIMARY KEY (version, day, until)
);

INSERT INTO rollup_version_installs
  SELECT day, version, coalesce(next_day, DATE '9999-12-31'), count(*) FROM rollup_install_day
  WHERE version_first GROUP BY 1, 2, 3;

CREATE FUNCTION rollup_count_version_installs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_version_installs AS v
      SELECT day, version, coalesce(next_day, DATE '9999-12-31'), count(*) FROM added WHERE version_first
      GROUP BY 1, 2, 3
      ON CONFLICT (version, day, until) DO UPDATE SET installs = v.installs + excluded.installs;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_version_installs AS v
      SELECT day, version, coalesce(next_day, DATE '9999-12-31'), -count(*) FROM removed WHERE version_first
      GROUP BY 1, 2, 3
      ON CONFLICT (version, day, until) DO UPDATE SET installs = v.installs + excluded.installs;
    DELETE FROM rollup_version_installs WHERE installs = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_install_day_versions_added AFTER INSERT ON rollup_install_day
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_version_installs();
CREATE TRIGGER rollup_install_day_versions_removed AFTER DELETE ON rollup_install_day
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_version_installs();
CREATE TRIGGER rollup_install_day_versions_moved AFTER UPDATE ON rollup_install_day
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_count_version_installs();

-- Statistics now, so that the first queries after the upgrade plan with them.
ANALYZE rollup_install_day;
ANALYZE rollup_version_installs;
