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
 * An {@code -o} that cannot be created is a usage mistake (exit 2), told in one line before anything is
 * read: before the server is asked (here one that never answers, whose wait would come first) or the
 * store opened.
 */
class OutputFileMistakesTest {

  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", "output-mistakes-token-0123");

  @TempDir Path dir;

  @Test
  void anExportToAnOutputThatCannotBeCreatedIsToldBeforeTheServerIsAskedOrTheStoreOpened() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("events.ndjson");
    String told = "pulse export: cannot write " + missing + ": it or its directory does not exist; give --output a"
        + " file in a directory you may write to";
    try (Stalling.NeverAnswers server = new Stalling.NeverAnswers()) {
      PulseRun fromServer = PulseRun.run(ENV, "export", "events", "--server", server.url(), "--timeout", "1",
          "-o", missing.toString());

      assertTold(fromServer, USAGE, told);
    }
    Path noStore = Files.createDirectories(dir.resolve("no-store"));
    PulseRun fromStore = PulseRun.run(ENV, "export", "events", "--data-dir", noStore.toString(), "-o",
        missing.toString());

    assertTold(fromStore, USAGE, told);
    assertThat(dir.resolve("no-such-dir")).doesNotExist();
  }
}
