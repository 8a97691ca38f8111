package dev.pulse.server.store.postgres;

import static dev.pulse.server.store.Fixture.event;
import static dev.pulse.server.store.SqlRows.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The raw tables' day partitions: the migration to them, partitions for new days, retention by day. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresDayPartitionsTest {

  /** Each raw row's key columns and the partition holding it, in one text. */
  private static final String WHERE_EACH_ROW_IS =
      "SELECT 'event', seq, received_at, context_key, tableoid::regclass FROM component_events"
          + " UNION ALL SELECT 'cli', seq, received_at, context_key, tableoid::regclass FROM cli_commands"
          + " UNION ALL SELECT 'error', seq, received_at, context_key, tableoid::regclass FROM error_reports"
          + " ORDER BY 1, 2";

  @Test
  void migratingAStoreWithRowsKeepsEachRowExactlyOnceInItsDaysPartition() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    Flyway.configure().dataSource(location.jdbcUrl(), location.user(), location.password())
        .locations("classpath:db/postgresql").target("4").load().migrate();
    String before;
    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 40; i++) {
        // Three days and a far older one, times near midnight UTC included, ten rows per table each.
        String at = "TIMESTAMPTZ '2026-11-1" + (i % 3) + " 23:59:59.999999+00' - interval '" + (i * 37) + " minutes'";
        if (i % 10 == 9) {
          at = "TIMESTAMPTZ '2019-02-03 00:00:00+00'";
        }
        statement.execute("INSERT INTO component_events (received_at, component_type, component_instance_id,"
            + " context_key, version, cloud_client_id, event_type, count, error) VALUES (" + at
            + ", 'NETWORK_MAPPER', 'i', 'ctx-" + i + "', 'v1', '', 'ACTIVE', 1, '')");
        statement.execute("INSERT INTO cli_commands (received_at, context_key, version, cloud_client_id, noun,"
            + " verb, modifiers) VALUES (" + at + ", 'ctx-" + i + "', 'v1', '', 'env', 'list', '[]')");
        statement.execute("INSERT INTO error_reports (received_at, component_type, component_instance_id,"
            + " context_key, version, cloud_client_id, fingerprint, error_class, message, error_json) VALUES ("
            + at + ", 'INTENTS_OPERATOR', 'i', 'ctx-" + i + "', 'v1', '', 'fp', 'E', 'm', '{}')");
      }
      before = lines(statement, WHERE_EACH_ROW_IS);
    }

    PostgresEventStore.open(location).close();

    try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
        Statement statement = connection.createStatement()) {
      String after = lines(statement, WHERE_EACH_ROW_IS);
      assertThat(withoutTable(after)).as("every row, once, with its seq and time").isEqualTo(withoutTable(before));
      for (String table : new String[] {"component_events", "cli_commands", "error_reports"}) {
        assertThat(lines(statement, "SELECT count(*) FROM " + table + " WHERE CAST(tableoid::regclass AS text)"
            + " <> '" + table + "_d' || to_char(received_at AT TIME ZONE 'UTC', 'YYYYMMDD')"))
            .as("rows of " + table + " outside their UTC day's partition").isEqualTo("0\n");
      }
      assertThat(lines(statement, "SELECT count(*) FROM component_events_default")).isEqualTo("0\n");
      assertThat(lines(statement, "SELECT count(*) FROM pg_partitioned_table")).isEqualTo("3\n");
    }
  }

  @Test
  void aBatchForADayWithoutAPartitionGetsOneRatherThanTheDefault() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    try (PostgresEventStore store = PostgresEventStore.open(location)) {
      store.append(RecordBatch.ofEvents(List.of(event("i", "ctx-a", Instant.parse("2020-01-01T12:00:00Z")))));
      store.append(Fixture.mixedBatch());

      try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
          Statement statement = connection.createStatement()) {
        assertThat(lines(statement, "SELECT tableoid::regclass FROM component_events ORDER BY seq LIMIT 1"))
            .isEqualTo("component_events_d20200101\n");
        assertThat(lines(statement, "SELECT (SELECT count(*) FROM component_events_default)"
            + " + (SELECT count(*) FROM cli_commands_default) + (SELECT count(*) FROM error_reports_default)"))
            .isEqualTo("0\n");
      }
      assertThat(ReadBack.events(store)).hasSize(4);
    }
  }

  @Test
  void aBulkLoadCreatesTheMonthAfterItsNewDaysWithThem() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    Instant day = Instant.parse("2019-05-10T12:00:00Z");
    try (PostgresBulkLoader loader = PostgresBulkLoader.open(location)) {
      loader.load(RecordBatch.ofEvents(List.of(event("i", "ctx-a", day))));
      loader.flush();

      try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
          Statement statement = connection.createStatement()) {
        assertThat(lines(statement, "SELECT min(c.relname), max(c.relname), count(*) FROM pg_inherits i"
            + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'component_events'::regclass"
            + " AND c.relname LIKE 'component_events_d2019%'"))
            .isEqualTo("component_events_d20190510 component_events_d20190610 32\n");
      }
    }
  }

  @Test
  void theFollowingDaysStopAtTheLastDayPostgresHolds() {
    assertThat(DayPartitions.withFollowing(List.of(LocalDate.parse("9999-12-30")), 5))
        .containsExactly(LocalDate.parse("9999-12-30"), LocalDate.parse("9999-12-31"));
    assertThat(DayPartitions.withFollowing(List.of(), 5)).isEmpty();
  }

  @Test
  void anImportSpanningMoreDaysThanOneCallCreatesGetsAPartitionForEachDay() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    int days = DayPartitions.MAX_DAYS_PER_CALL + 50;
    Instant first = Instant.parse("2021-03-01T08:00:00Z");
    try (PostgresEventStore store = PostgresEventStore.open(location)) {
      store.append(RecordBatch.ofEvents(IntStream.range(0, days)
          .mapToObj(d -> event("i", "ctx-a", first.plus(Duration.ofDays(d)))).toList()));

      try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
          Statement statement = connection.createStatement()) {
        assertThat(lines(statement, "SELECT count(DISTINCT tableoid), count(*) FROM component_events"))
            .isEqualTo(days + " " + days + "\n");
        assertThat(lines(statement, "SELECT count(*) FROM component_events_default")).isEqualTo("0\n");
      }
    }
  }

  @Test
  void retentionDropsTheDaysBeforeTheCutoffWholeAndDeletesTheRowsBeforeItInItsDay() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    List<Instant> times = List.of(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T23:00:00Z"),
        Instant.parse("2026-11-02T05:00:00Z"), Instant.parse("2026-11-03T05:00:00Z"),
        Instant.parse("2026-11-03T18:00:00Z"), Instant.parse("2026-11-04T01:00:00Z"));
    Instant cutoff = Instant.parse("2026-11-03T12:00:00Z");
    try (PostgresEventStore store = PostgresEventStore.open(location)) {
      store.append(RecordBatch.ofEvents(times.stream().map(at -> event("i", "ctx-" + at, at)).toList()));
      long older = times.stream().filter(at -> at.isBefore(cutoff)).count();

      assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 1)).isEqualTo(older);
      assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 1)).isZero();

      List<Instant> kept = ReadBack.events(store).stream().map(StoredEvent::receivedAt).sorted().toList();
      assertThat(kept).isEqualTo(times.stream().filter(at -> !at.isBefore(cutoff)).toList());
      try (Connection connection = EmbeddedPostgresServer.adminConnection(location);
          Statement statement = connection.createStatement()) {
        assertThat(lines(statement, "SELECT to_regclass('component_events_d20261101') IS NULL,"
            + " to_regclass('component_events_d20261102') IS NULL, to_regclass('component_events_d20261103') IS NULL"))
            .as("the two whole days before the cutoff are dropped; the cutoff's own day stays")
            .isEqualTo("t t f\n");
      }
    }
  }

  @Test
  void twoServersPruningTheSameDaysAtOnceDropEachOnceAndNeitherFails() throws Exception {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    List<Instant> times = List.of(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-02T10:00:00Z"),
        Instant.parse("2026-11-03T10:00:00Z"));
    Instant cutoff = Instant.parse("2026-11-03T00:00:00Z");
    try (PostgresEventStore store = PostgresEventStore.open(location)) {
      store.append(RecordBatch.ofEvents(times.stream().map(at -> event("i", "ctx-" + at, at)).toList()));
      store.rollups().refresh(); // only folded records are pruned
    }
    try (Connection first = EmbeddedPostgresServer.adminConnection(location);
        Connection second = EmbeddedPostgresServer.adminConnection(location);
        Connection observer = EmbeddedPostgresServer.adminConnection(location);
        Statement watch = observer.createStatement()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      // The first server's prune has dropped the two old days and not committed yet; the second's
      // starts meanwhile and must not find, count or drop them again.
      long byFirst = new DayPartitions().prune(first, RecordKind.EVENTS, cutoff, 10, Instant.now());
      CompletableFuture<Long> bySecond = CompletableFuture.supplyAsync(() -> {
        try {
          long pruned = new DayPartitions().prune(second, RecordKind.EVENTS, cutoff, 10, Instant.now());
          second.commit();
          return pruned;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!lines(watch, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND datname = current_database()").equals("1\n")) {
        assertThat(System.nanoTime()).as("the second prune waiting on the first").isLessThan(deadline);
        assertThat(bySecond).as("the second prune ran without waiting").isNotDone();
      }
      first.commit();
      assertThat(byFirst + bySecond.get(20, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(lines(watch, "SELECT received_at FROM component_events"))
          .isEqualTo(lines(watch, "SELECT TIMESTAMPTZ '" + times.get(2) + "'"));
    }
  }

  @Test
  void aRoleThatOnlyWritesStoresDaysWithoutAPartitionInTheDefaultAndRetentionStillPrunesThem() throws Exception {
    StoreLocation.Postgres owner = EmbeddedPostgresServer.newDatabase();
    PostgresEventStore.open(owner).close(); // migrated by the owner, with the days ahead of today
    String role = "writer_" + owner.jdbcUrl().substring(owner.jdbcUrl().lastIndexOf('_') + 1);
    try (Connection connection = EmbeddedPostgresServer.adminConnection(owner);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'w'");
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
      statement.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role);
    }
    StoreLocation.Postgres writer = new StoreLocation.Postgres(owner.jdbcUrl(), role, "w");
    List<Instant> times = List.of(Instant.parse("2020-01-01T10:00:00Z"), Instant.parse("2020-01-02T10:00:00Z"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)));
    Instant cutoff = Instant.parse("2020-01-02T00:00:00Z");

    try (PostgresEventStore store = PostgresEventStore.open(writer)) {
      store.append(RecordBatch.ofEvents(times.stream().map(at -> event("i", "ctx-" + at, at)).toList()));

      try (Connection connection = EmbeddedPostgresServer.adminConnection(owner);
          Statement statement = connection.createStatement()) {
        assertThat(lines(statement, "SELECT count(*) FROM component_events_default"))
            .as("the two old days, which the role could not make partitions for").isEqualTo("2\n");
      }
      assertThat(store.pruneOlderThan(RecordKind.EVENTS, cutoff, 10)).isEqualTo(1);
      assertThat(ReadBack.events(store)).extracting(StoredEvent::receivedAt)
          .containsExactlyInAnyOrderElementsOf(times.subList(1, 3));
      assertThat(store.pruneOlderThan(RecordKind.EVENTS, Instant.now().plus(Duration.ofDays(2)), 10))
          .as("today's row, in a partition the role does not own: deleted, not dropped").isEqualTo(2);
      assertThat(ReadBack.events(store)).isEmpty();
    }
  }

  private static String withoutTable(String rows) {
    return rows.replaceAll(" [a-z_]+(_d[0-9]{8}|_default)?\n", "\n");
  }
}
