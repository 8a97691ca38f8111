-- What each server sharing the database keeps of each kind of record, in days, and when it last said
-- so: the retention job prunes at the longest any server said within a day, so that one server set to
-- keep less deletes nothing the others keep.
CREATE TABLE retention_peers (
    server_id    TEXT        PRIMARY KEY,
    events_days  INTEGER     NOT NULL,
    cli_days     INTEGER     NOT NULL,
    errors_days  INTEGER     NOT NULL,
    said_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
