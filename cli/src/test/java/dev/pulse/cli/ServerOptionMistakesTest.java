package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void serverWithDataDirOrStoreIsAUsageMistakeNamingBothNotADataDirIgnored() throws Exception {
    Path file = Files.writeString(dir.resolve("events.ndjson"), "");
    Path data = dir.resolve("data");
    String[][] cases = {
        {"--data-dir", "import", "events", file.toString(), "--data-dir", data.toString()},
        {"--data-dir", "export", "events", "--data-dir", data.toString()},
        {"--store", "query", "versions", "--store", "postgresql://127.0.0.1:1/pulse"}};
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
      args.addAll(List.of("--server", "http://127.0.0.1:" + Mistakes.closedPort()));
      PulseRun run = PulseRun.run(ENV, args.toArray(String[]::new));

      assertTold(run, USAGE, "pulse " + c[1] + ": --server and " + c[0] + " do not go together: give --server to work"
          + " through a running server, or " + c[0] + " to open the store directly, not both");
    }
    assertThat(data).doesNotExist();
  }
}
