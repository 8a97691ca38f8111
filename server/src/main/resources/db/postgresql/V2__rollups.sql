-- Daily rollups the analytics answer from (docs/analytics.md), as in the DuckDB store's V2 and V3 and
-- maintained by the same algorithm (SqlRollups). Kept when raw records are pruned.
--
-- The watermark is a transaction id, not a seq (see SnapshotWatermark): each raw row records the id of
-- the transaction that wrote it. Rows written before this migration keep NULL and are folded by the
-- first refresh. A BRIN index finds a refresh's rows for almost nothing on the write path.
ALTER TABLE component_events ADD COLUMN xid bigint;
ALTER TABLE cli_commands ADD COLUMN xid bigint;
ALTER TABLE error_reports ADD COLUMN xid bigint;
ALTER TABLE component_events ALTER COLUMN xid SET DEFAULT CAST(CAST(pg_current_xact_id() AS text) AS bigint);
ALTER TABLE cli_commands ALTER COLUMN xid SET DEFAULT CAST(CAST(pg_current_xact_id() AS text) AS bigint);
ALTER TABLE error_reports ALTER COLUMN xid SET DEFAULT CAST(CAST(pg_current_xact_id() AS text) AS bigint);
CREATE INDEX component_events_xid ON component_events USING brin (xid);
CREATE INDEX cli_commands_xid ON cli_commands USING brin (xid);
CREATE INDEX error_reports_xid ON error_reports USING brin (xid);

CREATE TABLE rollup_state (
  name  text   NOT NULL PRIMARY KEY,
  value bigint NOT NULL
);
INSERT INTO rollup_state VALUES ('watermark_xid', 0);

-- Per install, day and component type: the version of its last event of that type that day;
-- version_first marks one row per (day, install, version).
CREATE TABLE rollup_install_day (
  day            date    NOT NULL,
  context_key    text    NOT NULL,
  component_type text    NOT NULL,
  version        text    NOT NULL,
  events         bigint  NOT NULL,
  version_first  boolean NOT NULL
);
CREATE INDEX rollup_install_day_day ON rollup_install_day (day, context_key);

-- Per install, day, component type and event type: event count, sum of counts, and the level; and the
-- install's next day with the event type, from any component and from the same component type (the
-- DuckDB store's V4).
CREATE TABLE rollup_feature_day (
  day            date   NOT NULL,
  context_key    text   NOT NULL,
  component_type text   NOT NULL,
  event_type     text   NOT NULL,
  events         bigint NOT NULL,
  total          bigint NOT NULL,
  level          bigint NOT NULL,
  next_any       date,
  next_same      date
);
CREATE INDEX rollup_feature_day_day ON rollup_feature_day (day, context_key);
CREATE INDEX rollup_feature_day_install ON rollup_feature_day (context_key, event_type, day);

-- Per CLI context, day, CLI version and command path: invocations.
CREATE TABLE rollup_cli_day (
  day         date   NOT NULL,
  context_key text   NOT NULL,
  version     text   NOT NULL,
  noun        text   NOT NULL,
  verb        text   NOT NULL,
  modifiers   text   NOT NULL, -- JSON array of strings, as in cli_commands
  invocations bigint NOT NULL
);
CREATE INDEX rollup_cli_day_day ON rollup_cli_day (day, context_key);

-- Per fingerprint, install, day, component type and version: reports and first/last receive times.
CREATE TABLE rollup_error_day (
  day            date        NOT NULL,
  fingerprint    text        NOT NULL,
  context_key    text        NOT NULL,
  component_type text        NOT NULL,
  version        text        NOT NULL,
  reports        bigint      NOT NULL,
  first_at       timestamptz NOT NULL,
  last_at        timestamptz NOT NULL
);
CREATE INDEX rollup_error_day_day ON rollup_error_day (day, context_key);

-- Per fingerprint: its latest report, as the sample shown with the group.
CREATE TABLE rollup_error_sample (
  fingerprint text        NOT NULL,
  error_class text        NOT NULL,
  message     text        NOT NULL,
  error_json  text        NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX rollup_error_sample_fingerprint ON rollup_error_sample (fingerprint);

-- Per install and day it was active: first day or not, and the days its 1-, 7- and 28-day windows
-- stop counting it (see the DuckDB store's V2).
CREATE TABLE rollup_install_presence (
  context_key text    NOT NULL,
  day         date    NOT NULL,
  first       boolean NOT NULL,
  end1        date    NOT NULL,
  end7        date    NOT NULL,
  end28       date    NOT NULL
);
CREATE INDEX rollup_install_presence_key ON rollup_install_presence (context_key, day);

-- The same per component type.
CREATE TABLE rollup_component_presence (
  component_type text    NOT NULL,
  context_key    text    NOT NULL,
  day            date    NOT NULL,
  first          boolean NOT NULL,
  end1           date    NOT NULL,
  end7           date    NOT NULL,
  end28          date    NOT NULL
);
CREATE INDEX rollup_component_presence_key ON rollup_component_presence (context_key, day);
