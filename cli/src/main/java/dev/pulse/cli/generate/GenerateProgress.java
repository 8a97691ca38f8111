package dev.pulse.cli.generate;

import dev.pulse.server.analytics.generate.DataSetGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How {@code pulse generate} shows its progress on stderr: a bar redrawn in place when stderr is a
 * terminal, a plain line at every tenth of the days otherwise (a log or a CI job), nothing with
 * {@code --quiet}.
 */
public enum GenerateProgress {
  BAR,
  LINES,
  NONE;

  private static final int WIDTH = 30;

  /** The style for this process: {@link #NONE} when quiet, else by whether stderr is a terminal. */
  public static GenerateProgress choose(boolean quiet) {
    if (quiet) {
      return NONE;
    }
    return stderrIsTerminal() ? BAR : LINES;
  }

  /** A listener drawing onto {@code err}, timing from {@code startNanos}. */
  DataSetGenerator.Progress onto(PrintWriter err, long startNanos) {
    return (done, total, records) -> {
      String line = line(done, total, records, (System.nanoTime() - startNanos) / 1e9);
      if (this == BAR) {
        err.print("\r" + line);
        if (done == total) {
          err.println();
        }
        err.flush();
      } else if (this == LINES && isTenth(done, total)) {
        err.println(line);
        err.flush();
      }
    };
  }

  /** One progress line: the bar, the days and the records so far, and the rate. */
  public static String line(int done, int total, long records, double seconds) {
    int filled = (int) ((long) done * WIDTH / total);
    long perSecond = seconds > 0 ? Math.round(records / seconds) : 0;
    return String.format(Locale.ROOT, "[%s%s] %d/%d days, %,d records, %,d records/s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, records, perSecond);
  }

  /** Whether {@code done} is the first day at or past a tenth of {@code total} (or the last). */
  static boolean isTenth(int done, int total) {
    return done == total || (long) done * 10 / total != (long) (done - 1) * 10 / total;
  }

  // Java 17 cannot ask whether stderr alone is a terminal; on Linux its file descriptor says so.
  // Elsewhere the console (stdin and stdout both terminals) stands in for it.
  private static boolean stderrIsTerminal() {
    try {
      Path fd = Path.of("/proc/self/fd/2");
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (Exception e) {
      // No /proc: fall back to the console.
    }
    return System.console() != null;
  }
}
