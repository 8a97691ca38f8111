package dev.pulse.server.imports;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.GroupCommitStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresEventStore;

/** Idempotent import into PostgreSQL, through the group commit a server puts in front. */
class PostgresImportTest extends ImportContract {

  @Override
  protected EventStore openEmpty() {
    return new GroupCommitStore(
        PostgresEventStore.open(EmbeddedPostgresServer.newDatabase()), GroupCommitStore.CommitObserver.NONE);
  }
}
