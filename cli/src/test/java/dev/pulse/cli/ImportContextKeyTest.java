package dev.pulse.cli;

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
 * {@code pulse import} given a context key keeps the store on it, as a server's start does: the first
 * import records the key's check in the store, and one with another key is refused with nothing imported,
 * instead of a later server with that key starting and counting each install twice.
 */
@ResourceLock(PostgresForTests.LOCK)
class ImportContextKeyTest {

  private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final String OTHER = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
  private static final String REFUSED = "the store's contextIds were keyed with another context key than this one";

  @RegisterExtension static final PostgresForTests POSTGRES = new PostgresForTests();

  @TempDir Path dir;

  @Test
  void anImportWithAnotherContextKeyThanTheStoresFirstImportIsRefusedInEitherStore() throws Exception {
    Path events = Files.write(dir.resolve("events.ndjson"), ExportLines.events(3));
    String file = events.toString();

    // DuckDB: the second key is the data dir's context.key, as a stopped server's data dir holds it.
    Path data = dir.resolve("data");
    PulseRun first = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", KEY), "import", "events", file, "--data-dir",
        data.toString());
    assertThat(first.exitCode()).as(first.output()).isZero();
    Files.writeString(data.resolve("context.key"), OTHER + "\n");
    PulseRun again = PulseRun.run(Map.of(), "import", "events", file, "--data-dir", data.toString());
    assertTold(again, USAGE, "pulse import: " + REFUSED);
    assertThat(again.output()).doesNotContain("imported");

    String store = POSTGRES.newDatabase("import_key").storeUrl();
    PulseRun intoPostgres = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", KEY), "import", "events", file, "--store", store);
    assertThat(intoPostgres.exitCode()).as(intoPostgres.output()).isZero();
    PulseRun otherKey = PulseRun.run(Map.of("PULSE_CONTEXT_KEY", OTHER), "import", "events", file, "--store", store);
    assertTold(otherKey, USAGE, "pulse import: " + REFUSED);
  }
}
