package dev.pulse.server.store.postgres;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.EventStoreContract;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;

class PostgresEventStoreContractTest extends EventStoreContract {

  private StoreLocation.Postgres database;

  @BeforeEach
  void newDatabase() {
    database = EmbeddedPostgresServer.newDatabase();
  }

  @Override
  protected EventStore openAt() {
    return PostgresEventStore.open(database);
  }

  @Override
  protected void executeOutside(EventStore store, String sql) throws Exception {
    try (Connection connection = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
