package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.postgresql.PGConnection;

/** What only the PostgreSQL store does: several servers on one database, durability settings. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresEventStoreTest {

  @Test
  void severalServersStartingTogetherMigrateOnceAndShareTheSequence() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    ExecutorService starts = Executors.newFixedThreadPool(3);
    List<PostgresEventStore> servers = new ArrayList<>();
    try {
      List<Future<PostgresEventStore>> opening = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opening.add(starts.submit(() -> PostgresEventStore.open(database)));
      }
      for (Future<PostgresEventStore> future : opening) {
        servers.add(future.get());
      }
      for (PostgresEventStore server : servers) {
        server.append(Fixture.twoInstalls("ctx-a", "ctx-b"));
      }

      assertThat(ReadBack.events(servers.get(0))).hasSize(12);
      try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
          Statement statement = admin.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT (SELECT count(*) FROM flyway_schema_history WHERE success),"
                      + " (SELECT count(DISTINCT version) FROM flyway_schema_history WHERE success),"
                      + " (SELECT count(DISTINCT seq) FROM component_events)")) {
        rows.next();
        int migrations = Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
            .locations("classpath:db/postgresql").load().info().all().length;
        assertThat(rows.getInt(1)).as("each migration applied once").isEqualTo(rows.getInt(2)).isEqualTo(migrations);
        assertThat(rows.getInt(3)).isEqualTo(12);
      }
    } finally {
      starts.shutdown();
      servers.forEach(PostgresEventStore::close);
    }
  }

  @Test
  void anOlderReleaseStillOpensADatabaseThatANewerOneMigrated() throws Exception {
    // Rolling upgrades: old and new servers share the database for a while.
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    PostgresEventStore.open(database).close();
    try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      statement.execute(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
              + " 'V99__future.sql', 'postgres', 0, true)");
    }

    try (PostgresEventStore older = PostgresEventStore.open(database)) {
      older.append(Fixture.twoInstalls("ctx-a", "ctx-b"));
      assertThat(ReadBack.events(older)).hasSize(4);
    }
  }

  @Test
  void commitsDurablyEvenWhenTheDatabaseDefaultIsAsynchronous() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1);
    try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
    }
    try (PostgresEventStore store = PostgresEventStore.open(database);
        Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW synchronous_commit")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("on");
    }
  }

  @Test
  void aStoreUrlsOwnStartupOptionsApplyButCannotTurnDurabilityOff() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    String options = URLEncoder.encode(
        "-c statement_timeout=12345 -c synchronous_commit=off", StandardCharsets.UTF_8);
    StoreLocation.Postgres withOptions = new StoreLocation.Postgres(
        database.jdbcUrl() + "?ApplicationName=pulse-test&options=" + options, database.user(), database.password());
    try (PostgresEventStore store = PostgresEventStore.open(withOptions);
        Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "statement_timeout")).isEqualTo("12345ms");
      assertThat(show(statement, "application_name")).isEqualTo("pulse-test");
      assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
    }
  }

  private static String show(Statement statement, String setting) throws Exception {
    try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void pooledConnectionsAreNotLeftIdleInATransaction() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    List<Connection> pooled = new ArrayList<>();
    try (PostgresEventStore store = PostgresEventStore.open(database, 4);
        Connection admin = EmbeddedPostgresServer.adminConnection(database);
        PreparedStatement state = admin.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
      for (int i = 0; i < 4; i++) {
        pooled.add(store.dataSource().getConnection());
      }
      for (Connection connection : pooled) {
        state.setInt(1, connection.unwrap(PGConnection.class).getBackendPID());
        try (ResultSet rows = state.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("idle");
        }
      }
    } finally {
      for (Connection connection : pooled) {
        connection.close();
      }
    }
  }

  @Test
  void groupCommitRunsSeveralWritersInFrontOfPostgres() {
    try (GroupCommitStore store =
        new GroupCommitStore(
            PostgresEventStore.open(EmbeddedPostgresServer.newDatabase()),
            CommitObserver.NONE)) {
      assertThat(store.concurrentCommits()).isEqualTo(3);
    }
  }

  @Test
  void opensAWholePostgresStorageFromAStoreUrl() {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    String url = database.jdbcUrl().substring("jdbc:".length()) + "?user=" + database.user();

    try (PostgresStorage storage =
        PostgresStorage.open((StoreLocation.Postgres) StoreLocation.parse(url, Path.of("unused")))) {
      assertThat(storage.events().isWritable()).isTrue();
      assertThat(storage.analytics().refresh()).isZero();
      assertThat(storage.disk()).as("the database server minds its own disk").isEmpty();
    }
  }

  @Test
  void refusesTextWithANulCharacterAndStoresNothingOfTheBatch() {
    try (PostgresEventStore store = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      RecordBatch batch =
          RecordBatch.ofEvents(
              List.of(Fixture.event("ok", "ctx-a", Fixture.day(0)), Fixture.event("nul\0", "ctx-a", Fixture.day(0))));

      assertThatThrownBy(() -> store.append(batch))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("NUL");
      assertThat(ReadBack.events(store)).isEmpty();
    }
  }

  @Test
  void cannotOpenAnUnreachableDatabaseAndSaysWhere() {
    StoreLocation.Postgres nowhere =
        new StoreLocation.Postgres("jdbc:postgresql://127.0.0.1:1/pulse?connectTimeout=2", "u", "secret");

    assertThatThrownBy(() -> PostgresEventStore.open(nowhere))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1:1/pulse")
        .hasMessageNotContaining("secret");
  }
}
