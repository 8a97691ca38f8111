package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A --store that PostgreSQL refuses is a usage mistake told by what to change in the URL (exit 2);
 * a PostgreSQL that does not answer is a failure that may pass (exit 1), in our words, not the driver's.
 */
@ResourceLock(PostgresForTests.LOCK)
class StoreUrlMistakesTest {

  @RegisterExtension static final PostgresForTests POSTGRES = new PostgresForTests();

  @TempDir Path dir;

  @Test
  void aDatabaseThatDoesNotExistIsAUsageMistakeSayingHowToCreateIt() throws Exception {
    int port = POSTGRES.newDatabase("unused").port();
    String store = "postgresql://localhost:" + port + "/no_such_db?user=postgres";

    PulseRun run = PulseRun.runIn(dir, Map.of(), "export", "events", "-o", "x.ndjson", "--store", store);

    assertTold(run, USAGE, "pulse export: cannot open the store, PostgreSQL at jdbc:postgresql://localhost:" + port
        + "/no_such_db as postgres: the database no_such_db does not exist: create it (CREATE DATABASE no_such_db)"
        + " or give the store URL one that does");
    assertThat(dir.resolve("x.ndjson")).doesNotExist();
  }

  @Test
  void nothingListeningIsAFailureToldWithoutTheDriversWords() throws Exception {
    String store = "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=postgres";

    PulseRun run = PulseRun.runIn(dir, Map.of(), "generate", "--installs", "1", "--days", "1", "--store", store);

    assertTold(run, FAILURE, "nothing accepts connections there (connection refused): start PostgreSQL, or give"
        + " the store URL (--store) the host and port it listens on");
    assertThat(run.output()).doesNotContain("postmaster", "Check that the hostname");
  }

  @Test
  void aStoreUrlOfAnotherKindIsToldUnderTheNameItWasGivenBy() throws Exception {
    Path config = dir.resolve("pulse.properties");
    Files.writeString(config, "store=mysql://localhost/pulse\n");

    assertTold(PulseRun.run(Map.of(), "query", "versions", "--store", "mysql://localhost/pulse"), USAGE,
        "pulse query: --store: store must be empty (DuckDB in the data dir), duckdb:<dir>, or postgresql://");
    assertTold(PulseRun.run(Map.of("PULSE_STORE", "mysql://localhost/pulse"), "query", "versions"), USAGE,
        "pulse query: PULSE_STORE: store must be empty");
    assertTold(PulseRun.run(Map.of(), "export", "events", "--config", config.toString()), USAGE,
        "pulse export: 'store' in the config file " + config + ": store must be empty");
  }
}
