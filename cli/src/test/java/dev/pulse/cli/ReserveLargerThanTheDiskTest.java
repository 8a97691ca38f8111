package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A free-space reserve no disk could keep ({@code --min-free-disk 1048576TiB}, 1 EiB) is a mistake in
 * the settings: {@code import} and {@code generate} refuse it as {@code serve} does, with exit code 2,
 * before they create the data dir, and each prints the whole message, what to do included, however
 * long the data dir's path, naming the setting by where it was given (flag, variable, config file).
 */
class ReserveLargerThanTheDiskTest {

  private static final String ONE_EIB = "1048576TiB";
  private static final String ADVICE = "give a reserve well below it (default 256MiB; 0 turns it off), or a data dir"
      + " on a larger disk";

  @TempDir Path dir;

  /** A data dir with a long path: the message must not be cut before its advice. */
  private Path dataDir() {
    return dir.resolve("a-data-dir-with-a-rather-long-name-as-deployments-have").resolve("pulse-data");
  }

  @Test
  void importRefusesItBeforeItCreatesTheDataDirNamingTheVariableThatGaveIt() throws Exception {
    Path input = Files.writeString(dir.resolve("events.ndjson"), "");
    Path data = dataDir();

    PulseRun run = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", ONE_EIB), "import", "events", input.toString(),
        "--data-dir", data.toString());

    assertRefused(run, data, "pulse import: PULSE_MIN_FREE_DISK");
  }

  @Test
  void generateRefusesItBeforeItCreatesTheDataDirNamingTheFlagThatGaveIt() throws Exception {
    Path data = dataDir();

    PulseRun run = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", "1MiB"), "generate", "--installs", "1", "--days", "1",
        "--quiet", "--data-dir", data.toString(), "--min-free-disk", ONE_EIB);

    assertRefused(run, data, "pulse generate: --min-free-disk");
    assertThat(run.output()).doesNotContain("PULSE_MIN_FREE_DISK");
  }

  @Test
  void generateNamesTheConfigFileThatGaveIt() throws Exception {
    Path config = Files.writeString(dir.resolve("pulse.properties"), "min-free-disk=" + ONE_EIB + "\n");
    Path data = dataDir();

    PulseRun run = PulseRun.run(Map.of(), "generate", "--installs", "1", "--days", "1", "--quiet",
        "--data-dir", data.toString(), "--config", config.toString());

    assertRefused(run, data, "pulse generate: 'min-free-disk' in the config file " + config);
  }

  @Test
  void serveSaysItWholeToo() throws Exception {
    Path data = dataDir();

    PulseRun run = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", ONE_EIB), "serve", "--host", "127.0.0.1",
        "--port", "0", "--data-dir", data.toString());

    assertRefused(run, data, "PULSE_MIN_FREE_DISK");
    assertThat(run.output()).contains("cannot start: PULSE_MIN_FREE_DISK of 1 EiB"); // named where it was given
  }

  private static void assertRefused(PulseRun run, Path data, String setting) {
    assertTold(run, USAGE, setting + " of 1 EiB (1152921504606846976 bytes) is not"
        + " smaller than the whole disk of " + data + ", ");
    assertThat(run.output()).containsPattern("[0-9.]+ [KMGTP]iB \\(\\d+ bytes\\): no record could be stored; ")
        .contains(ADVICE).doesNotContain("...");
    assertThat(data).as("nothing created").doesNotExist();
    assertThat(data.getParent()).doesNotExist();
  }
}
