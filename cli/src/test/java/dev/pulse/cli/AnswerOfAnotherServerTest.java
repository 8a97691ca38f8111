package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A success answer (200) of a server that is not Pulse, an HTML page or JSON of another shape, is a
 * usage mistake (exit 2: is --server the address of a Pulse server?), never saved as a backup or an
 * export, printed as a query's answer, or taken for an erasure.
 */
class AnswerOfAnotherServerTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "another-server-token-0123");
  private static final String NOT_PULSE = "answered 200 with a page that is not Pulse's: is --server the address"
      + " of a Pulse server?";

  @TempDir Path dir;

  @Test
  void aPageOfAnotherServerIsNotSavedAsABackupOrAnExport() throws Exception {
    try (NotPulse other = NotPulse.start()) {
      for (String url : List.of(other.url(200), other.jsonUrl(200))) {
        Path backup = dir.resolve("fake.duckdb");
        PulseRun backedUp = PulseRun.run(ENV, "backup", "--server", url, "-o", backup.toString());
        assertTold(backedUp, USAGE, "pulse backup: the server at " + serverOf(url) + " " + NOT_PULSE);

        Path export = dir.resolve("events.ndjson");
        PulseRun exported = PulseRun.run(ENV, "export", "events", "--server", url, "-o", export.toString());
        assertTold(exported, USAGE, "pulse export: the server at " + serverOf(url) + " " + NOT_PULSE);

        assertThat(dir).as(url).isEmptyDirectory(); // no file, and no part file either
        PulseRun toStdout = PulseRun.run(ENV, "export", "events", "--server", url);
        assertTold(toStdout, USAGE, NOT_PULSE);
        assertThat(toStdout.output()).doesNotContain("<html", "foo");
      }
    }
  }

  @Test
  void aPageOfAnotherServerIsNotPrintedAsAQueryNorTakenForAnErasure() throws Exception {
    try (NotPulse other = NotPulse.start()) {
      for (String url : List.of(other.url(200), other.jsonUrl(200))) {
        for (String[] command : new String[][] {
            {"query", "versions"}, {"query", "versions", "--format", "json"}, {"query", "versions", "--format", "csv"},
            {"purge", "--context-id", "abc"}, {"purge", "--context-id", "abc", "--dry-run"}}) {
          List<String> args = new ArrayList<>(List.of(command));
          args.addAll(List.of("--server", url));
          PulseRun run = PulseRun.run(ENV, args.toArray(String[]::new));

          assertTold(run, USAGE, "pulse " + command[0] + ": the server at " + serverOf(url) + " " + NOT_PULSE);
          assertThat(run.output()).as(String.join(" ", command)).doesNotContain("<html", "foo", "Unexpected character",
              "unknown match");
        }
      }
    }
  }

  private static String serverOf(String url) {
    return url.substring(0, url.lastIndexOf('/'));
  }
}
