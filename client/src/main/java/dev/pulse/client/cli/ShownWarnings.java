package dev.pulse.client.cli;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.pulse.client.send.RepeatedWarnings;

/**
 * The warnings a CLI has shown in the last {@link #PERIOD}, in the file {@link #FILE_NAME} of the config
 * directory: one line per problem, the time it was shown and a digest of it (so the file does not
 * spell an address), at most {@link #MAX_REMEMBERED} lines. A problem is shown again once its day is
 * over. When the file cannot be read or written, every warning is shown.
 */
public final class ShownWarnings implements RepeatedWarnings {

  /** The file name in the config directory. */
  public static final String FILE_NAME = "telemetry-warnings-shown";
  /** How long a shown warning is not shown again. */
  public static final Duration PERIOD = Duration.ofDays(1);
  /** The most problems remembered (the most recently shown). */
  static final int MAX_REMEMBERED = 32;

  private static final System.Logger LOG = System.getLogger(ShownWarnings.class.getName());

  private final Path directory;
  private final Clock clock;

  /** Remembered in {@code directory}. */
  public ShownWarnings(Path directory) {
    this(directory, Clock.systemUTC());
  }

  ShownWarnings(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  @Override
  public boolean due(String problem) {
    try {
      String digest = Spool.digest(problem);
      long now = clock.instant().getEpochSecond();
      List<String> kept = new ArrayList<>();
      for (String line : read()) {
        String[] parts = line.split(" ", 2);
        long shown = parts.length == 2 && parts[0].matches("\\d{1,18}") ? Long.parseLong(parts[0]) : -1;
        // Over, unreadable, or in the future (a clock set back): forgotten.
        if (shown < 0 || now - shown >= PERIOD.toSeconds() || shown > now) {
          continue;
        }
        if (parts[1].equals(digest)) {
          return false;
        }
        kept.add(line);
      }
      kept.add(now + " " + digest);
      write(kept.subList(Math.max(0, kept.size() - MAX_REMEMBERED), kept.size()));
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot remember telemetry warnings in " + directory + ": " + e);
      return true;
    }
  }

  private List<String> read() throws IOException {
    return LineFile.read(directory.resolve(FILE_NAME), 64L * MAX_REMEMBERED);
  }

  private void write(List<String> lines) throws IOException {
    LineFile.write(directory, FILE_NAME, lines);
  }
}
