package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code pulse import} stopped (Ctrl-C, SIGKILL, a full disk), what it must say then, and what a rerun
 * must do, whichever store it loads.
 */
final class StoppedImport {

  private static final Pattern TOLD = Pattern.compile("pulse import: stopped by Ctrl-C \\(SIGINT\\): ([\\d,]+) records"
      + " were imported, in batches committed before the stop, and are kept; run the same import again to resume:"
      + " records already present are skipped\\.");

  private StoppedImport() {}

  /**
   * Starts {@code pulse import -} of events in batches of {@code batch} into the store {@code where}
   * names ({@code --data-dir DIR} or {@code --store URL}), and writes it two batches of {@code lines} and
   * the line after them, which sends the second on its way; its stdin stays open.
   */
  static PulseRun.Started fedTwoBatches(List<String> lines, int batch, String... where) throws IOException {
    List<String> args = new ArrayList<>(List.of("import", "-", "--kind", "events", "--batch-size", String.valueOf(batch)));
    args.addAll(List.of(where));
    PulseRun.Started importing = PulseRun.start(null, Map.of(), args.toArray(String[]::new));
    Writer in = new OutputStreamWriter(importing.stdin(), StandardCharsets.UTF_8);
    for (String line : lines.subList(0, 2 * batch + 1)) {
      in.write(line);
      in.write('\n');
    }
    in.flush();
    return importing;
  }

  /** Sends the import SIGINT, as Ctrl-C does, and waits for it to end; closes our end of its stdin. */
  static PulseRun interrupt(PulseRun.Started importing) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(importing.process().pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    PulseRun stopped = importing.await();
    closeQuietly(importing);
    return stopped;
  }

  /** The records an import stopped by Ctrl-C says it kept, once it exited 130 saying so in one line. */
  static int recordsSaidKept(PulseRun stopped) {
    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(130);
    assertThat(stopped.lines()).as("one line").hasSize(1);
    Matcher told = TOLD.matcher(stopped.output().strip());
    assertThat(told.matches()).as(stopped.output()).isTrue();
    return Integer.parseInt(told.group(1).replace(",", ""));
  }

  /** Closes our end of the ended run's stdin; the pipe may be broken by then. */
  static void closeQuietly(PulseRun.Started ended) {
    try {
      ended.stdin().close();
    } catch (IOException e) {
      // Its reader is gone: nothing to close.
    }
  }

  /**
   * A rerun of the whole file after a stop that kept {@code kept} of its {@code lines} records: it ends
   * well, importing exactly the rest and skipping exactly what was kept.
   */
  static void assertRerunAddsTheRest(PulseRun rerun, int lines, int kept) {
    assertThat(rerun.exitCode()).as(rerun.output()).isZero();
    assertThat(rerun.output()).contains("imported " + PulseRun.count(lines - kept) + " events into")
        .contains("skipped " + PulseRun.count(kept) + " already present");
  }
}
