package dev.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A server switched to PostgreSQL on a data dir that holds an embedded store says at start that it
 * does not use that store's records, and how to move them, rather than serve an empty database
 * without a word.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
@ResourceLock(Resources.SYSTEM_ERR)
class EmbeddedStoreLeftBehindTest {

  private static final String WARNING = "also holds an embedded store (pulse.duckdb) that this server does not use";

  @TempDir Path dir;

  @Test
  void aPostgresServerOnADataDirWithAnEmbeddedStoreWarnsItIsNotUsed() {
    Path data = dir.resolve("d1");
    TestServer.start(data).close(); // the embedded store the data dir held before PULSE_STORE named PostgreSQL
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();

    try (CapturedLog log = CapturedLog.start();
        TestServer server = TestServer.start(data, b -> b.store(database.jdbcUrl() + "?user=" + database.user()))) {
      assertThat(log.text()).contains("WARN").contains("the data dir " + data + " " + WARNING)
          .contains("pulse export then pulse import each kind (docs/operations.md");
    }
  }

  @Test
  void aPostgresServerOnADataDirWithoutAnEmbeddedStoreSaysNothingOfIt() {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();

    try (CapturedLog log = CapturedLog.start();
        TestServer server = TestServer.start(dir.resolve("d2"),
            b -> b.store(database.jdbcUrl() + "?user=" + database.user()))) {
      assertThat(log.text()).contains("Pulse listening on").doesNotContain(WARNING);
    }
  }
}
