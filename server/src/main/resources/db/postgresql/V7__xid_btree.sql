-- A refresh, and so every analysis the API answers, first looks for raw rows of the transactions
-- in [mark, xmin). V5 indexed xid with BRIN, which reads every candidate block range of every day
-- partition even when nothing is new (about 120 ms at 126 partitions for an empty answer); a B-tree
-- answers with one probe a partition (about 7 ms). Partitions created later inherit it.
DROP INDEX component_events_xid, cli_commands_xid, error_reports_xid;
CREATE INDEX component_events_xid ON component_events (xid);
CREATE INDEX cli_commands_xid ON cli_commands (xid);
CREATE INDEX error_reports_xid ON error_reports (xid);
