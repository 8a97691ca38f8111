package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that only reads or erases, pointed with --store at a database without a Pulse store,
 * says so and creates nothing there, as it does in a data dir without one.
 */
class ReadOnlyCommandsOnPostgresTest {

  private static final String CONTEXT_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  private static EmbeddedPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @Test
  void exportFromADatabaseWithoutAStoreCreatesNoTables() throws Exception {
    String store = database("export_empty");

    PulseRun export = PulseRun.runIn(dir, Map.of(), "export", "events", "--store", store, "-o", "x.ndjson");

    assertTold(export, USAGE, "holds no Pulse store");
    assertThat(export.output()).doesNotContain("Migrating", "INFO");
    assertThat(tables("export_empty")).isZero();
  }

  @Test
  void purgeOnADatabaseWithoutAStoreCreatesNoTables() throws Exception {
    String store = database("purge_empty");

    PulseRun purge = PulseRun.runIn(dir, Map.of("PULSE_CONTEXT_KEY", CONTEXT_KEY),
        "purge", "--context-id", "ab".repeat(32), "--store", store);

    assertTold(purge, USAGE, "holds no Pulse store");
    assertThat(tables("purge_empty")).isZero();
  }

  private static String database(String name) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return "postgresql://localhost:" + postgres.getPort() + "/" + name + "?user=postgres";
  }

  private static int tables(String name) throws Exception {
    try (Connection connection = DriverManager.getConnection(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
