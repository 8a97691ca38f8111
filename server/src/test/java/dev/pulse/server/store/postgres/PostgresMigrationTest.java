package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.SqlRows.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A database at an older schema version, with rows, opened by this release. */
class PostgresMigrationTest {

  @Test
  void keepingErrorSamplesPerInstallRebuildsThemFromKeptReportsAndKeepsThoseWithoutAny() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    Flyway.configure().dataSource(location.jdbcUrl(), location.user(), location.password())
        .locations("classpath:db/postgresql").target("2").load().migrate();
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      String report = "'INTENTS_OPERATOR', 'i', '%s', 'v1', '', 'fp-1', 'E', '%s', '{}'";
      statement.execute("INSERT INTO error_reports (seq, received_at, component_type, component_instance_id,"
          + " context_key, version, cloud_client_id, fingerprint, error_class, message, error_json) VALUES"
          + " (1, '2026-11-10 01:00:00+00', " + String.format(report, "a", "a-old") + "),"
          + " (2, '2026-11-11 01:00:00+00', " + String.format(report, "a", "a-new") + "),"
          + " (3, '2026-11-10 02:00:00+00', " + String.format(report, "b", "b-only") + ")");
      statement.execute("INSERT INTO rollup_error_sample VALUES"
          + " ('fp-1', 'E', 'a-new', '{}', '2026-11-11 01:00:00+00'),"
          + " ('fp-pruned', 'E', 'no report kept', '{}', '2026-08-01 00:00:00+00')");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT fingerprint, context_key, message, seq"
          + " FROM rollup_error_sample ORDER BY fingerprint, context_key")).isEqualTo("""
          fp-1 a a-new 2
          fp-1 b b-only 3
          fp-pruned null no report kept 0
          """);
    }
  }
}
