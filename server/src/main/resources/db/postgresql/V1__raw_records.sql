-- Raw records, one table per kind: the same tables and columns as the DuckDB store's V1.
-- context_key is HMAC-SHA256(server secret, contextId), never the contextId as sent.
-- seq comes from one sequence shared by the three tables, so that several servers writing the same
-- database never hand out the same number; it orders reads (within a server, in commit order).
CREATE SEQUENCE record_seq AS bigint;

CREATE TABLE component_events (
  seq                   bigint      NOT NULL DEFAULT nextval('record_seq') PRIMARY KEY,
  received_at           timestamptz NOT NULL,
  component_type        text        NOT NULL,
  component_instance_id text        NOT NULL,
  context_key           text        NOT NULL,
  version               text        NOT NULL,
  cloud_client_id       text        NOT NULL,
  event_type            text        NOT NULL,
  count                 integer     NOT NULL,
  error                 text        NOT NULL
);

CREATE TABLE cli_commands (
  seq             bigint      NOT NULL DEFAULT nextval('record_seq') PRIMARY KEY,
  received_at     timestamptz NOT NULL,
  context_key     text        NOT NULL,
  version         text        NOT NULL,
  cloud_client_id text        NOT NULL,
  noun            text        NOT NULL,
  verb            text        NOT NULL,
  modifiers       text        NOT NULL -- JSON array of strings
);

CREATE TABLE error_reports (
  seq                   bigint      NOT NULL DEFAULT nextval('record_seq') PRIMARY KEY,
  received_at           timestamptz NOT NULL,
  component_type        text        NOT NULL,
  component_instance_id text        NOT NULL,
  context_key           text        NOT NULL,
  version               text        NOT NULL,
  cloud_client_id       text        NOT NULL,
  fingerprint           text        NOT NULL,
  error_class           text        NOT NULL,
  message               text        NOT NULL,
  error_json            text        NOT NULL -- the Error input as sent, cause chain included
);

-- Retention deletes by receive time. Rows arrive in time order, so a BRIN index finds old rows for
-- almost nothing on the write path (a B-tree would cost every insert).
CREATE INDEX component_events_received_at ON component_events USING brin (received_at);
CREATE INDEX cli_commands_received_at ON cli_commands USING brin (received_at);
CREATE INDEX error_reports_received_at ON error_reports USING brin (received_at);
