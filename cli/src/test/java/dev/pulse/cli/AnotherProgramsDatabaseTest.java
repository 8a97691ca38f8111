package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A data dir whose {@code pulse.duckdb} is another program's DuckDB database: every command that
 * opens the store refuses it as no Pulse store (exit 2) and leaves the database as it was, instead
 * of adding Pulse's tables to it.
 */
class AnotherProgramsDatabaseTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "pulse {0}")
  @ValueSource(strings = {"query versions", "export events -o out.ndjson", "purge --context-id abc",
      "generate --installs 2 --days 1 -q"})
  void isRefusedAndLeftAsItWas(String command) throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    String url = "jdbc:duckdb:" + dataDir.resolve("pulse.duckdb");
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE readings (x INTEGER)");
      statement.execute("INSERT INTO readings VALUES (42)");
    }
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--data-dir", dataDir.toString()));

    assertTold(PulseRun.runIn(dir, Map.of(), args.toArray(String[]::new)), USAGE,
        "is not Pulse's: the database holds another program's tables and no Pulse store");
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet tables = statement.executeQuery(
            "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_catalog = current_database()")) {
      tables.next();
      assertThat(tables.getString(1)).isEqualTo("readings");
    }
    assertThat(dir.resolve("out.ndjson")).doesNotExist();
  }
}
