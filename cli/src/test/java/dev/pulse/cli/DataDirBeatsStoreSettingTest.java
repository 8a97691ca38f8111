package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --data-dir} on the command line is not passed over in silence for the store that
 * {@code PULSE_STORE} or the config file names: a flag beats the environment. (The PostgreSQL named
 * listens nowhere: a command that went to it would fail to connect, exit 1.)
 */
class DataDirBeatsStoreSettingTest {

  private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir Path dir;

  @Test
  void aDataDirFlagIsRefusedWithTheStoreOfTheEnvironmentOrConfigFileUnlessItOnlyGivesTheKey() throws Exception {
    String store = "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=pulse";
    String postgres = "PostgreSQL at jdbc:postgresql://127.0.0.1:";
    Map<String, String> env = Map.of("PULSE_STORE", store);
    Path events = Files.writeString(dir.resolve("events.ndjson"), "");

    PulseRun query = PulseRun.runIn(dir, env, "query", "versions", "--data-dir", "gdd");
    assertTold(query, USAGE, "pulse query: --data-dir gdd names a DuckDB data dir, but PULSE_STORE names another"
        + " store (" + postgres);
    assertThat(query.output()).contains("): give --store duckdb:gdd to use gdd's store, or leave --data-dir out to use"
        + " the one PULSE_STORE names");

    PulseRun imported = PulseRun.runIn(dir, env, "import", "events", events.toString(), "--data-dir", "scratch");
    assertTold(imported, USAGE, "pulse import: --data-dir scratch names a DuckDB data dir, but PULSE_STORE names");
    assertThat(dir.resolve("scratch")).doesNotExist();

    Path config = Files.writeString(dir.resolve("pulse.properties"), "store=" + store + "\n");
    assertTold(PulseRun.runIn(dir, Map.of(), "--config", config.toString(), "generate", "--installs", "1", "--days",
        "1", "--data-dir", "g"), USAGE, "--data-dir g names a DuckDB data dir, but 'store' in the config file "
        + config + " names another store");
    assertThat(dir.resolve("g")).doesNotExist();

    Path other = Files.createDirectories(dir.resolve("other"));
    assertTold(PulseRun.runIn(dir, Map.of("PULSE_STORE", "duckdb:" + other), "export", "events", "--data-dir", "d"),
        USAGE, "--data-dir d names a DuckDB data dir, but PULSE_STORE names another store (DuckDB in " + other + ")");

    // A PostgreSQL server's data dir: a key, no store. purge takes the key from it, and says which store it acts on.
    Path keyOnly = Files.createDirectories(dir.resolve("pgdd"));
    Files.writeString(keyOnly.resolve("context.key"), KEY + "\n");
    PulseRun purge = PulseRun.runIn(dir, env, "purge", "--context-id", "x", "--dry-run", "--data-dir", "pgdd");
    assertTold(purge, FAILURE, "pulse purge: note: acting on the store PULSE_STORE names (" + postgres);
    assertThat(purge.output()).contains("with the context key in pgdd/context.key (pgdd holds no store of its own)")
        .contains("nothing accepts connections there");
  }
}
