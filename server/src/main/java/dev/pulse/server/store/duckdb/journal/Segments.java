package dev.pulse.server.store.duckdb.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Journal}'s segment files, {@code <first seq>.journal} in one directory: their names,
 * the closed ones with the last seq each holds, and deleting those whose entries are all applied.
 * Not thread-safe: the journal's lock guards it.
 */
final class Segments {

  static final String SUFFIX = ".journal";
  // Any decimal digits: builds before the locale fix named segments in the JVM's digits
  // (Arabic-Indic under an Arabic locale), and those must still be replayed.
  static final Pattern NAME = Pattern.compile("(\\p{Nd}{20})\\.journal");

  private record Closed(Path path, long lastSeq) {}

  /** A segment just created, and its channel, positioned at its start. */
  record Opened(Path path, FileChannel channel) {}

  private final Path dir;
  /** Closed segments, oldest first. */
  private final List<Closed> closed = new ArrayList<>();

  Segments(Path dir) {
    this.dir = dir;
  }

  /** The segment files now on disk, oldest first. */
  List<Path> list() throws IOException {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path path : entries) {
        if (NAME.matcher(path.getFileName().toString()).matches()) {
          paths.add(path);
        }
      }
    }
    paths.sort(Comparator.comparingLong(Segments::firstSeq));
    return paths;
  }

  /** The first seq a segment's name gives, or {@link Long#MIN_VALUE} for a name of another form. */
  static long firstSeq(Path path) {
    Matcher name = NAME.matcher(path.getFileName().toString());
    return name.matches() ? Long.parseLong(name.group(1)) : Long.MIN_VALUE;
  }

  /** Notes a segment that takes no more entries, and the last seq it holds. */
  void closed(Path path, long lastSeq) {
    closed.add(new Closed(path, lastSeq));
  }

  /**
   * Creates the segment whose first seq is {@code firstSeq}, and syncs the directory so that it
   * survives a crash. A segment of that name is one whose entries were all cut off as torn: it starts
   * again, empty.
   */
  Opened create(long firstSeq) throws IOException {
    Path path = dir.resolve(String.format(Locale.ROOT, "%020d", firstSeq) + SUFFIX);
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    closed.removeIf(segment -> segment.path.equals(path));
    return new Opened(path, channel);
  }

  /** Deletes the closed segments, oldest first, whose entries are all at or below {@code appliedSeq}. */
  void deleteAppliedThrough(long appliedSeq) {
    while (!closed.isEmpty() && closed.get(0).lastSeq <= appliedSeq) {
      try {
        Files.deleteIfExists(closed.get(0).path);
      } catch (IOException e) {
        // Kept for now: it is only replayed up to what is applied, and the next deletion retries.
        return;
      }
      closed.remove(0);
    }
  }
}
