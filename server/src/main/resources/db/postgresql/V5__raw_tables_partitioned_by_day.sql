-- The raw tables partitioned by UTC day of received_at (docs/storage.md, "PostgreSQL: day partitions"),
-- so that retention drops whole days instead of deleting rows, and a query or refresh over a range of
-- days reads only their partitions. One partition per table and day, <table>_dYYYYMMDD, holding
-- [day 00:00 UTC, next day 00:00 UTC); rows of a day without its partition go to <table>_default,
-- which retention prunes row by row. The store creates partitions ahead of time and for the days of
-- the batches it writes (pulse_day_partitions).

-- Creates the missing day partitions of a raw table for the days from .. to (at most 400 days per
-- call), but not for a day whose rows are already in the default partition (PostgreSQL refuses to
-- create a partition whose rows the default holds: they stay there). Serialized by an advisory lock,
-- so that several servers creating the same partition at once do not collide.
CREATE FUNCTION pulse_day_partitions(raw text, from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  day date;
  created integer := 0;
  name text;
  held boolean;
BEGIN
  IF raw NOT IN ('component_events', 'cli_commands', 'error_reports') THEN
    RAISE EXCEPTION 'not a raw table: %', raw;
  END IF;
  IF to_day - from_day > 400 THEN
    RAISE EXCEPTION 'at most 400 days of partitions per call, asked for % .. %', from_day, to_day;
  END IF;
  PERFORM pg_advisory_xact_lock(7075736, hashtext(raw));
  day := from_day;
  WHILE day <= to_day LOOP
    name := raw || '_d' || to_char(day, 'YYYYMMDD');
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE received_at >= %L AND received_at < %L)',
          raw || '_default', day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC')
        INTO held;
      IF NOT held THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', name, raw,
            day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
        created := created + 1;
      END IF;
    END IF;
    day := day + 1;
  END LOOP;
  RETURN created;
END $$;

-- Each raw table is renamed, recreated partitioned with the same columns and defaults, given a
-- partition for each day it has rows of, filled, and dropped. seq stays the key with received_at
-- (a partitioned table's key includes the partition column); seq still comes from record_seq alone.
CREATE FUNCTION pulse_partition_raw_table(raw text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old text := raw || '_unpartitioned';
  days record;
BEGIN
  EXECUTE format('ALTER TABLE %I RENAME TO %I', raw, old);
  EXECUTE format('ALTER INDEX %I RENAME TO %I', raw || '_pkey', old || '_pkey');
  EXECUTE format('DROP INDEX %I, %I, %I', raw || '_received_at', raw || '_xid', raw || '_context_key');
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS) PARTITION BY RANGE (received_at)', raw, old);
  EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (seq, received_at)', raw);
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', raw || '_default', raw);
  FOR days IN EXECUTE format('SELECT DISTINCT CAST(received_at AT TIME ZONE ''UTC'' AS date) AS d FROM %I', old)
  LOOP
    PERFORM pulse_day_partitions(raw, days.d, days.d);
  END LOOP;
  EXECUTE format('INSERT INTO %I SELECT * FROM %I', raw, old);
  EXECUTE format('DROP TABLE %I', old);
  -- Retention's cutoff within a day, and a refresh's rows, found for almost nothing on the write path.
  EXECUTE format('CREATE INDEX %I ON %I USING brin (received_at)', raw || '_received_at', raw);
  EXECUTE format('CREATE INDEX %I ON %I USING brin (xid)', raw || '_xid', raw);
  -- Erasure finds an install's records by its key.
  EXECUTE format('CREATE INDEX %I ON %I (context_key)', raw || '_context_key', raw);
END $$;

SELECT pulse_partition_raw_table('component_events');
SELECT pulse_partition_raw_table('cli_commands');
SELECT pulse_partition_raw_table('error_reports');
DROP FUNCTION pulse_partition_raw_table(text);
