package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Opening a store for a command that only reads or erases: it never sets up a schema of its own. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresExistingStoreTest {

  @Test
  void aDatabaseWithoutAPulseStoreIsRefusedAndLeftWithoutTables() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();

    assertThatThrownBy(() -> PostgresStorage.openExisting(location))
        .isInstanceOf(NoStoreException.class)
        .hasMessageContaining("holds no Pulse store")
        .hasMessageContaining("--server");

    assertThat(tables(location)).isZero();
  }

  @Test
  void aStoreAtAnOlderVersionIsMigratedAsTheEmbeddedStoreIs() throws Exception {
    StoreLocation.Postgres location = OlderSchema.databaseAt("2");

    PostgresStorage.openExisting(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE version = '16'")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  private static int tables(StoreLocation.Postgres location) throws Exception {
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
