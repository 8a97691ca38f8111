-- Raw records, one table per kind. Times are UTC. context_key is HMAC-SHA256(server secret, contextId),
-- never the contextId as sent. seq is assigned by the store at commit, increasing, never reused.
CREATE TABLE component_events (
  seq                   BIGINT    NOT NULL,
  received_at           TIMESTAMP NOT NULL,
  component_type        VARCHAR   NOT NULL,
  component_instance_id VARCHAR   NOT NULL,
  context_key           VARCHAR   NOT NULL,
  version               VARCHAR   NOT NULL,
  cloud_client_id       VARCHAR   NOT NULL,
  event_type            VARCHAR   NOT NULL,
  count                 INTEGER   NOT NULL,
  error                 VARCHAR   NOT NULL
);

CREATE TABLE cli_commands (
  seq             BIGINT    NOT NULL,
  received_at     TIMESTAMP NOT NULL,
  context_key     VARCHAR   NOT NULL,
  version         VARCHAR   NOT NULL,
  cloud_client_id VARCHAR   NOT NULL,
  noun            VARCHAR   NOT NULL,
  verb            VARCHAR   NOT NULL,
  modifiers       VARCHAR   NOT NULL -- JSON array of strings
);

CREATE TABLE error_reports (
  seq                   BIGINT    NOT NULL,
  received_at           TIMESTAMP NOT NULL,
  component_type        VARCHAR   NOT NULL,
  component_instance_id VARCHAR   NOT NULL,
  context_key           VARCHAR   NOT NULL,
  version               VARCHAR   NOT NULL,
  cloud_client_id       VARCHAR   NOT NULL,
  fingerprint           VARCHAR   NOT NULL,
  error_class           VARCHAR   NOT NULL,
  message               VARCHAR   NOT NULL,
  error_json            VARCHAR   NOT NULL -- the Error input as sent, cause chain included
);
