package dev.pulse.server.imports;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.GroupCommitStore;
import dev.pulse.server.store.postgres.PostgresEventStore;

/** Idempotent import into PostgreSQL, through the group commit a server puts in front. */
class PostgresImportTest extends ImportContract {

  @Override
  protected EventStore openEmpty() {
    return new GroupCommitStore(
        PostgresEventStore.open(EmbeddedPostgresServer.newDatabase()), CommitObserver.NONE);
  }
}
