package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.SqlRows.lines;
import static dev.pulse.server.store.postgres.OlderSchema.databaseAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A database at an older schema version, with rows, opened by this release: the rows it is left with. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresMigrationTest {

  @Test
  void keepingErrorSamplesPerInstallRebuildsThemFromKeptReportsAndKeepsThoseWithoutAny() throws Exception {
    StoreLocation.Postgres location = databaseAt("2");
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

  @Test
  void theWeekRowsOfAStoreWithPresenceRowsMarkEachInstallsActiveDaysAndFirstWeek() throws Exception {
    StoreLocation.Postgres location = databaseAt("5");
    List<LocalDate> days = List.of(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-04"),
        LocalDate.parse("2026-11-08"), LocalDate.parse("2026-11-10"));
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      for (LocalDate day : days) {
        String row = "'a', DATE '" + day + "', " + day.equals(days.get(0)) + ", DATE '" + day.plusDays(1) + "',"
            + " DATE '" + day.plusDays(7) + "', DATE '" + day.plusDays(28) + "'";
        statement.execute("INSERT INTO rollup_install_presence VALUES (" + row + ")");
        if (!day.equals(days.get(0))) {
          statement.execute("INSERT INTO rollup_component_presence VALUES ('NODE_AGENT', "
              + row.replace(", false,", ", " + day.equals(days.get(1)) + ",") + ")");
        }
      }
    }

    PostgresEventStore.open(location).close();

    // Expected: per scope and ISO week, the or of 1 << (day of week - 1), and the week of the first day.
    Map<String, int[]> weeks = new TreeMap<>();
    for (LocalDate day : days) {
      for (String scope : day.equals(days.get(0)) ? List.of("*") : List.of("*", "NODE_AGENT")) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int[] week = weeks.computeIfAbsent(scope + " " + monday, k -> new int[2]);
        week[0] |= 1 << (day.getDayOfWeek().getValue() - 1);
        boolean first = day.equals(days.get(scope.equals("*") ? 0 : 1));
        week[1] += first ? 1 : 0;
      }
    }
    StringBuilder expected = new StringBuilder();
    weeks.forEach((key, week) -> expected.append(key).append(" a ").append(week[0]).append(' ')
        .append(week[1]).append('\n'));
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT scope, week, context_key, days, firsts FROM rollup_active_week"
          + " ORDER BY scope COLLATE \"C\", week")).isEqualTo(expected.toString());
    }
  }

  @Test
  void theCliDayRowsOfAStoreLearnTheirContextsNextDaysAndAreCountedPerCommandAndDay() throws Exception {
    StoreLocation.Postgres location = databaseAt("8");
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      // a lists on the 2nd, 5th and 9th and applies on the 5th; b lists on the 5th, with another version.
      statement.execute("INSERT INTO rollup_cli_day VALUES"
          + " ('2026-11-02', 'a', 'v1', 'intents', 'list', '[]', 3),"
          + " ('2026-11-05', 'a', 'v1', 'intents', 'list', '[]', 1),"
          + " ('2026-11-09', 'a', 'v1', 'intents', 'list', '[]', 2),"
          + " ('2026-11-05', 'a', 'v1', 'intents', 'apply', '[]', 4),"
          + " ('2026-11-05', 'b', 'v2', 'intents', 'list', '[]', 5)");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT day, context_key, verb, version, next_day FROM rollup_cli_day"
          + " ORDER BY context_key, verb, day")).isEqualTo("""
          2026-11-05 a apply v1 null
          2026-11-02 a list v1 2026-11-05
          2026-11-05 a list v1 2026-11-09
          2026-11-09 a list v1 null
          2026-11-05 b list v2 null
          """);
      assertThat(lines(statement, "SELECT day, verb, version, until, contexts, invocations FROM rollup_cli_totals"
          + " ORDER BY day, verb, version")).isEqualTo("""
          2026-11-02 list v1 2026-11-05 1 3
          2026-11-05 apply v1 9999-12-31 1 4
          2026-11-05 list v1 2026-11-09 1 1
          2026-11-05 list v2 9999-12-31 1 5
          2026-11-09 list v1 9999-12-31 1 2
          """);
    }
  }

  @Test
  void theFeatureLevelsOfAStoreAreCountedPerInstallSummedOverComponentTypesAndPerComponentType() throws Exception {
    StoreLocation.Postgres location = databaseAt("9");
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      // a: 3 on the mapper and 4 on the operator on the 2nd, then 5 on the mapper on the 9th; b: 7 on the 2nd.
      statement.execute("INSERT INTO rollup_feature_day VALUES"
          + " ('2026-11-02', 'a', 'NETWORK_MAPPER', 'SERVICE_DISCOVERED', 1, 3, 3, '2026-11-09', '2026-11-09'),"
          + " ('2026-11-02', 'a', 'INTENTS_OPERATOR', 'SERVICE_DISCOVERED', 1, 4, 4, '2026-11-09', NULL),"
          + " ('2026-11-09', 'a', 'NETWORK_MAPPER', 'SERVICE_DISCOVERED', 1, 5, 5, NULL, NULL),"
          + " ('2026-11-02', 'b', 'NETWORK_MAPPER', 'SERVICE_DISCOVERED', 1, 7, 7, NULL, NULL)");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT scope, day, until, level, installs FROM rollup_feature_levels"
          + " ORDER BY scope, day, level")).isEqualTo("""
          * 2026-11-02 2026-11-09 7 1
          * 2026-11-02 9999-12-31 7 1
          * 2026-11-09 9999-12-31 5 1
          INTENTS_OPERATOR 2026-11-02 9999-12-31 4 1
          NETWORK_MAPPER 2026-11-02 2026-11-09 3 1
          NETWORK_MAPPER 2026-11-02 9999-12-31 7 1
          NETWORK_MAPPER 2026-11-09 9999-12-31 5 1
          """);
    }
  }

  @Test
  void theErrorDayRowsOfAStoreLearnTheirNextDaysAndAreCountedPerVersionAndInstall() throws Exception {
    StoreLocation.Postgres location = databaseAt("10");
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      // a fails on the 2nd on two component types and on the 9th; b on the 2nd; one report has no install.
      String at = "'2026-11-%1$s 01:00:00+00', '2026-11-%1$s 02:00:00+00'";
      statement.execute("INSERT INTO rollup_error_day VALUES"
          + " ('2026-11-02', 'fp', 'a', 'NETWORK_MAPPER', 'v1', 2, " + String.format(at, "02") + "),"
          + " ('2026-11-02', 'fp', 'a', 'INTENTS_OPERATOR', 'v2', 1, " + String.format(at, "02") + "),"
          + " ('2026-11-09', 'fp', 'a', 'NETWORK_MAPPER', 'v2', 1, " + String.format(at, "09") + "),"
          + " ('2026-11-02', 'fp', 'b', 'NETWORK_MAPPER', 'v1', 4, " + String.format(at, "02") + "),"
          + " ('2026-11-02', 'fp', '', '', '', 1, " + String.format(at, "02") + ")");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT day, version, reports FROM rollup_error_versions ORDER BY day, version"))
          .isEqualTo("""
          2026-11-02  1
          2026-11-02 v1 6
          2026-11-02 v2 1
          2026-11-09 v2 1
          """);
      assertThat(lines(statement, "SELECT day, until, installs FROM rollup_error_installs ORDER BY day, until"))
          .isEqualTo("""
          2026-11-02 2026-11-09 1
          2026-11-02 9999-12-31 1
          2026-11-09 9999-12-31 1
          """);
    }
  }

  @Test
  void theInstallDayRowsOfAStoreLearnTheirNextDayOnTheVersionAndAreCountedOncePerInstall() throws Exception {
    StoreLocation.Postgres location = databaseAt("11");
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      // a runs v1 on two component types on the 2nd and on one on the 9th, then v2 on the 10th.
      statement.execute("INSERT INTO rollup_install_day VALUES"
          + " ('2026-11-02', 'a', 'NETWORK_MAPPER', 'v1', 3, TRUE),"
          + " ('2026-11-02', 'a', 'INTENTS_OPERATOR', 'v1', 1, FALSE),"
          + " ('2026-11-09', 'a', 'NETWORK_MAPPER', 'v1', 2, TRUE),"
          + " ('2026-11-10', 'a', 'NETWORK_MAPPER', 'v2', 2, TRUE)");
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      assertThat(lines(statement, "SELECT day, component_type, next_day FROM rollup_install_day ORDER BY day, 2"))
          .isEqualTo("""
          2026-11-02 INTENTS_OPERATOR 2026-11-09
          2026-11-02 NETWORK_MAPPER 2026-11-09
          2026-11-09 NETWORK_MAPPER null
          2026-11-10 NETWORK_MAPPER null
          """);
      assertThat(lines(statement, "SELECT day, version, until, installs FROM rollup_version_installs ORDER BY day"))
          .isEqualTo("""
          2026-11-02 v1 2026-11-09 1
          2026-11-09 v1 9999-12-31 1
          2026-11-10 v2 9999-12-31 1
          """);
    }
  }
}
