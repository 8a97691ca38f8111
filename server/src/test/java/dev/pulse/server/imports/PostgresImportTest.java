package dev.pulse.server.imports;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.GroupCommitStore;
import dev.pulse.server.store.postgres.PostgresEventStore;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Idempotent import into PostgreSQL, through the group commit a server puts in front. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresImportTest extends ImportContract {

  @Override
  protected EventStore openEmpty() {
    return new GroupCommitStore(
        PostgresEventStore.open(EmbeddedPostgresServer.newDatabase()), CommitObserver.NONE);
  }
}
