package dev.pulse.client.cli;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.send.QuietMemory;

/**
 * A CLI's {@link QuietMemory}, in the file {@link #FILE_NAME} of the config directory: one line per
 * server, the second until which runs keep quiet, how many runs in a row found it unanswered, a digest of
 * its endpoint (so the file does not spell an address) and the second it was written, at most {@link
 * #MAX_REMEMBERED} lines. An unanswered server is left alone for {@link #FIRST_QUIET}, doubling each time
 * in a row up to {@link #MAX_QUIET}; a day after its quiet ends, the count starts again. A line written
 * later than now, or with a quiet longer than {@link #MAX_QUIET} (a clock set back), is forgotten. When
 * the file cannot be read or written, nothing is remembered and every run tries, as before. Each change
 * holds the directory's lock, as the spools do.
 */
public final class QuietFile implements QuietMemory {

  /** The file name in the config directory. */
  public static final String FILE_NAME = "telemetry-quiet";
  /** The quiet after a first unanswered run. */
  public static final Duration FIRST_QUIET = Duration.ofMinutes(15);
  /** The longest quiet kept, for an unanswered server or a server's own pause. */
  public static final Duration MAX_QUIET = Duration.ofDays(1);
  /** The most servers remembered (the most recently written). */
  static final int MAX_REMEMBERED = 32;

  private static final System.Logger LOG = System.getLogger(QuietFile.class.getName());
  /** Doublings past which the quiet is {@link #MAX_QUIET} anyway. */
  private static final int MAX_STRIKES = 16;

  private final Path directory;
  private final String digest;
  private final Clock clock;

  /** The memory of {@code endpoint}'s quiet, reached directly, in {@code directory}. */
  public QuietFile(Path directory, URI endpoint) {
    this(directory, endpoint, "", Clock.systemUTC());
  }

  /**
   * The memory of {@code endpoint}'s quiet when reached as {@code proxies} route it, in {@code directory}:
   * a silent proxy leaves alone only the server reached through it.
   */
  public QuietFile(Path directory, URI endpoint, ProxyChoice proxies) {
    this(directory, endpoint, proxies.proxyOf(endpoint), Clock.systemUTC());
  }

  /** As reached through {@code proxy} ({@code host:port}, empty for none), at {@code clock}'s time. */
  QuietFile(Path directory, URI endpoint, String proxy, Clock clock) {
    this.directory = directory;
    this.digest = Spool.digest(endpoint + (proxy.isEmpty() ? "" : "\n" + proxy));
    this.clock = clock;
  }

  /**
   * One server's line: quiet until {@code until} (epoch seconds), unanswered {@code strikes} runs in a row,
   * written at {@code since} (lines of the first version have none: -1).
   */
  private record Entry(long until, int strikes, String digest, long since) {
    @Override
    public String toString() {
      return until + " " + strikes + " " + digest + " " + since;
    }
  }

  @Override
  public Duration remembered() {
    try {
      long now = clock.instant().getEpochSecond();
      Entry mine = find(read(now));
      return mine == null ? null : Duration.ofSeconds(Math.max(0, mine.until - now));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot read telemetry's quiet in " + directory + ": " + e);
      return null;
    }
  }

  @Override
  public void pausedFor(Duration quiet) {
    long now = clock.instant().getEpochSecond();
    long seconds = Math.min(MAX_QUIET.toSeconds(), Math.max(1, quiet.toSeconds()));
    update(now, mine -> new Entry(now + seconds, mine == null ? 0 : mine.strikes, digest, now));
  }

  @Override
  public Duration unanswered() {
    long now = clock.instant().getEpochSecond();
    Duration[] chosen = {Duration.ZERO};
    boolean kept = update(now, mine -> {
      int strikes = mine == null ? 0 : mine.strikes;
      Duration quiet = FIRST_QUIET.multipliedBy(1L << Math.min(strikes, MAX_STRIKES));
      chosen[0] = quiet.compareTo(MAX_QUIET) > 0 ? MAX_QUIET : quiet;
      return new Entry(now + chosen[0].toSeconds(), Math.min(strikes + 1, MAX_STRIKES), digest, now);
    });
    return kept ? chosen[0] : Duration.ZERO;
  }

  @Override
  public void forget() {
    if (remembered() != null) { // nothing to forget: no lock taken, no file made
      update(clock.instant().getEpochSecond(), mine -> null);
    }
  }

  /**
   * Replaces this server's line with what {@code change} makes of it (null: none), holding the directory's
   * lock so that runs ending at once keep each other's lines; false if not written.
   */
  private boolean update(long now, UnaryOperator<Entry> change) {
    try {
      Files.createDirectories(directory);
      DirectoryLock.holding(directory.resolve(Spool.LOCK_FILE_NAME), () -> {
        List<Entry> entries = read(now);
        Entry mine = find(entries);
        Entry changed = change.apply(mine);
        List<String> lines = new ArrayList<>();
        entries.stream().filter(e -> e != mine).forEach(e -> lines.add(e.toString()));
        if (changed != null) {
          lines.add(changed.toString());
        }
        LineFile.write(directory, FILE_NAME, lines.subList(Math.max(0, lines.size() - MAX_REMEMBERED), lines.size()));
        return null;
      });
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot remember telemetry's quiet in " + directory + ": " + e);
      return false;
    }
  }

  private Entry find(List<Entry> entries) {
    return entries.stream().filter(e -> e.digest.equals(digest)).findFirst().orElse(null);
  }

  /** The lines still in force at {@code now}: unreadable ones, stale ones and impossible ones dropped. */
  private List<Entry> read(long now) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String line : LineFile.read(directory.resolve(FILE_NAME), 64L * MAX_REMEMBERED)) {
      String[] parts = line.split(" ");
      if (parts.length < 3 || parts.length > 4 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,2}")
          || !parts[2].matches("[0-9a-f]{16}") || parts.length == 4 && !parts[3].matches("\\d{1,18}")) {
        continue;
      }
      long until = Long.parseLong(parts[0]);
      long since = parts.length == 4 ? Long.parseLong(parts[3]) : -1;
      if (now < since || until - now > MAX_QUIET.toSeconds() || now - until > MAX_QUIET.toSeconds()) {
        continue; // a clock set back, or over for a day: forgotten
      }
      entries.add(new Entry(until, Math.min(Integer.parseInt(parts[1]), MAX_STRIKES), parts[2], since));
    }
    return entries;
  }
}
