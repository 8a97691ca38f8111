package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A command that only reads or erases, pointed with --store at a database without a Pulse store,
 * says so and creates nothing there, as it does in a data dir without one.
 */
@ResourceLock(PostgresForTests.LOCK)
class ReadOnlyCommandsOnPostgresTest {

  private static final String CONTEXT_ID = "abababababababababababababababababababababababababababababababab"; // a constant: it is in an annotation
  private static final String CONTEXT_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @RegisterExtension static final PostgresForTests POSTGRES = new PostgresForTests();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"export events -o x.ndjson", "purge --context-id " + CONTEXT_ID, "query versions"})
  void aCommandOnADatabaseWithoutAStoreSaysSoAndCreatesNoTables(String command) throws Exception {
    PostgresForTests.Database database = POSTGRES.newDatabase(command.substring(0, command.indexOf(' ')) + "_empty");
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--store", database.storeUrl()));

    PulseRun run = PulseRun.runIn(dir, Map.of("PULSE_CONTEXT_KEY", CONTEXT_KEY), args.toArray(String[]::new));

    assertTold(run, USAGE, "holds no Pulse store");
    assertThat(run.output()).doesNotContain("Migrating", "migrated");
    assertThat(tables(database)).isZero();
  }

  @Test
  void queryReadsAPostgresStoreDirectlyAndAnswersAsFromADataDir() throws Exception {
    PostgresForTests.Database database = POSTGRES.newDatabase("query_generated");
    String store = database.storeUrl();
    String data = dir.resolve("data").toString();
    String[] set = {"--installs", "12", "--days", "4", "--last-day", "2026-11-20", "--seed", "3", "--quiet"};
    for (String[] into : new String[][] {{"--store", store}, {"--data-dir", data}}) {
      PulseRun generated = PulseRun.runIn(dir, Map.of(), concat(new String[] {"generate", into[0], into[1]}, set));
      assertThat(generated.exitCode()).as(generated.output()).isZero();
    }
    String[] query = {"query", "versions", "--from", "2026-11-17", "--to", "2026-11-20", "--format", "csv"};

    PulseRun fromPostgres = PulseRun.runIn(dir, Map.of(), concat(query, new String[] {"--store", store}));
    PulseRun fromDataDir = PulseRun.runIn(dir, Map.of(), concat(query, new String[] {"--data-dir", data}));

    assertThat(fromPostgres.exitCode()).as(fromPostgres.output()).isZero();
    assertThat(table(fromPostgres)).isNotEmpty().isEqualTo(table(fromDataDir));
  }

  @Test
  void readingAStoreThatNeedsNoMigrationPrintsNoMigrationNotes() throws Exception {
    PostgresForTests.Database database = POSTGRES.newDatabase("export_quiet");
    String store = database.storeUrl();
    PulseRun generated = PulseRun.runIn(dir, Map.of(), "generate", "--store", store, "--installs", "3", "--days", "2");
    assertThat(generated.exitCode()).as(generated.output()).isZero();
    assertThat(generated.output()).contains("migrated the store's schema of an empty database to V")
        .doesNotContain("Flyway", "+----");

    PulseRun export = PulseRun.runIn(dir, Map.of(), "export", "events", "--store", store, "-o", "events.ndjson");

    assertThat(export.exitCode()).as(export.output()).isZero();
    assertThat(export.lines()).as(export.output()).noneMatch(l -> l.startsWith("pulse export: "));
  }

  @Test
  void aRoleThatMayNotReadTheStoresTablesIsAUsageMistakeThatSaysWhatToGrant() throws Exception {
    PostgresForTests.Database database = POSTGRES.newDatabase("export_no_rights");
    PulseRun generated = PulseRun.runIn(dir, Map.of(), "generate", "--store", database.storeUrl(), "--installs", "3",
        "--days", "2", "--quiet");
    assertThat(generated.exitCode()).as(generated.output()).isZero();
    String role = "reader_" + database.name();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'r'"); // no right on the store's tables
    }
    String weak = "postgresql://localhost:" + database.port() + "/" + database.name() + "?user=" + role + "&password=r";

    PulseRun export = PulseRun.runIn(dir, Map.of(), "export", "events", "--store", weak, "-o", "events.ndjson");

    assertTold(export, USAGE, "the role " + role + " may not read or write the store's tables");
    assertThat(export.output()).contains("grant it SELECT, INSERT, UPDATE, DELETE on the store's tables");
    assertThat(dir.resolve("events.ndjson")).doesNotExist();
  }

  /** The lines of the answer, without log lines (a store's start-up notes, on stderr). */
  private static List<String> table(PulseRun run) {
    return run.lines().stream().filter(l -> !l.startsWith("pulse query: ")).toList();
  }

  private static String[] concat(String[] first, String[] second) {
    String[] both = new String[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static int tables(PostgresForTests.Database database) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
