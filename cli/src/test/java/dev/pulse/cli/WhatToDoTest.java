package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that said what was wrong and not what to do. */
class WhatToDoTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "what-to-do-token-0123456789");

  @TempDir Path dir;

  @Test
  void aBackupToRestoreThatIsNotThereOrADirectorySaysWhichFileToGive() throws Exception {
    Path missing = dir.resolve("nosuch.duckdb");
    PulseRun none = PulseRun.run(ENV, "restore", missing.toString(), "--data-dir", dir.resolve("d").toString());
    assertTold(none, USAGE, "pulse restore: " + missing + " does not exist: give the file pulse backup wrote");

    PulseRun directory = PulseRun.run(ENV, "restore", dir.toString(), "--data-dir", dir.resolve("d").toString());
    assertTold(directory, USAGE, "pulse restore: " + dir + " is a directory: give the file pulse backup wrote");
    assertThat(dir.resolve("d")).doesNotExist();
  }
}
