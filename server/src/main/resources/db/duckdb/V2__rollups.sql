-- Daily rollups the analytics answer from (docs/analytics.md). Kept when raw records are pruned.
-- Maintained by DuckDbRollups: rows for an (install, day) are recomputed from the raw records of that
-- install and day whenever new raw records arrive for it; rollup_state holds the seq watermark.
CREATE TABLE rollup_state (
  name  VARCHAR NOT NULL,
  value BIGINT  NOT NULL
);
INSERT INTO rollup_state VALUES ('watermark_seq', 0);

-- Per install, day and component type: the version of its last event of that type that day.
CREATE TABLE rollup_install_day (
  day            DATE    NOT NULL,
  context_key    VARCHAR NOT NULL,
  component_type VARCHAR NOT NULL,
  version        VARCHAR NOT NULL,
  events         BIGINT  NOT NULL
);

-- Per install, day, component type and event type: event count, sum of counts, and the level (the
-- latest count of each component instance that day, summed over the instances).
CREATE TABLE rollup_feature_day (
  day            DATE    NOT NULL,
  context_key    VARCHAR NOT NULL,
  component_type VARCHAR NOT NULL,
  event_type     VARCHAR NOT NULL,
  events         BIGINT  NOT NULL,
  total          BIGINT  NOT NULL,
  level          BIGINT  NOT NULL
);

-- Per CLI context, day, CLI version and command path: invocations.
CREATE TABLE rollup_cli_day (
  day         DATE    NOT NULL,
  context_key VARCHAR NOT NULL,
  version     VARCHAR NOT NULL,
  noun        VARCHAR NOT NULL,
  verb        VARCHAR NOT NULL,
  modifiers   VARCHAR NOT NULL, -- JSON array of strings, as in cli_commands
  invocations BIGINT  NOT NULL
);

-- Per fingerprint, install, day, component type and version: reports and first/last receive times.
CREATE TABLE rollup_error_day (
  day            DATE      NOT NULL,
  fingerprint    VARCHAR   NOT NULL,
  context_key    VARCHAR   NOT NULL,
  component_type VARCHAR   NOT NULL,
  version        VARCHAR   NOT NULL,
  reports        BIGINT    NOT NULL,
  first_at       TIMESTAMP NOT NULL,
  last_at        TIMESTAMP NOT NULL
);

-- Per fingerprint: its latest report, as the sample shown with the group.
CREATE TABLE rollup_error_sample (
  fingerprint VARCHAR   NOT NULL,
  error_class VARCHAR   NOT NULL,
  message     VARCHAR   NOT NULL,
  error_json  VARCHAR   NOT NULL,
  received_at TIMESTAMP NOT NULL
);

-- Per install and day it was active (any component): whether it is the install's first day, and the
-- days its 1-, 7- and 28-day windows stop counting it: min(day + w, its next active day). Derived from
-- rollup_install_day; rows of an install are recomputed whenever it has new records. It lets rolling
-- distinct-install counts be summed from changes, with neither a DISTINCT nor a window at query time.
CREATE TABLE rollup_install_presence (
  context_key VARCHAR NOT NULL,
  day         DATE    NOT NULL,
  first       BOOLEAN NOT NULL,
  end1        DATE    NOT NULL,
  end7        DATE    NOT NULL,
  end28       DATE    NOT NULL
);

-- The same per component type: the presence of an install's events of that type.
CREATE TABLE rollup_component_presence (
  component_type VARCHAR NOT NULL,
  context_key    VARCHAR NOT NULL,
  day            DATE    NOT NULL,
  first          BOOLEAN NOT NULL,
  end1           DATE    NOT NULL,
  end7           DATE    NOT NULL,
  end28          DATE    NOT NULL
);
