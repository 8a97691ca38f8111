package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in what a {@code --server} command is given, told as usage mistakes before the server is asked. */
class ServerOptionMistakesTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "server-option-token-0123");

  @TempDir Path dir;

  @Test
  void aPortOutOfRangeInServerIsAUsageMistakeNamingServer() throws Exception {
    for (String command : new String[] {"export", "query"}) {
      PulseRun run = PulseRun.run(ENV, command, command.equals("export") ? "events" : "versions",
          "--server", "http://localhost:99999");
      assertTold(run, USAGE, "pulse " + command + ": --server: the port 99999 of http://localhost:99999 is not"
          + " between 1 and 65535");
      assertThat(run.output()).doesNotContain("out of range");
    }
  }

  @Test
  void aBackupOutputThatCannotBeCreatedIsToldBeforeTheServerIsAsked() throws Exception {
    try (NotPulse server = NotPulse.start()) {
      PulseRun run = PulseRun.run(ENV, "backup", "--server", server.url(200), "-o", "/proc/pulse-backup.duckdb");

      assertTold(run, USAGE, "pulse backup: cannot write /proc/pulse-backup.duckdb: ");
      assertThat(run.output()).contains("give --output a file in a directory you may write to");
      assertThat(server.requests()).isZero();
    }
  }
}
