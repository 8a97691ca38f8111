package dev.pulse.client.cli;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import dev.pulse.client.json.JsonParser;
import dev.pulse.client.send.UnsentStore;
import dev.pulse.schema.WireOperations;

/**
 * A small bounded file in the config directory of request bodies a CLI could not send before exit, one
 * per line; the next run sending to the same endpoint sends them first. One file per endpoint ({@code
 * telemetry-spool-<digest of the endpoint>.jsonl}): what was meant for one server never goes to
 * another, whichever program runs next. At most {@link #MAX_ENTRIES} bodies and {@link #MAX_BYTES}
 * bytes are kept (the oldest go first, and {@link #keep} says which went); a body that is not one of
 * the three wire operations is discarded when read. Writes replace the file atomically. Safe across
 * threads and processes: each read, change and write holds the directory's one lock file ({@link
 * #LOCK_FILE_NAME}, {@link DirectoryLock}), so that two runs exiting at once keep both their bodies, and
 * two starting at once do not both send the same ones. A run that cannot get the lock within {@link
 * DirectoryLock#WAIT} keeps nothing and takes nothing (the bodies stay for a later run). Each keep or take
 * also bounds the directory ({@link SpoolDirectory}).
 */
public final class Spool implements UnsentStore {

  /**
   * The one spool of SDK versions before spools were kept per endpoint: where its bodies were to go is
   * unknown, so it is deleted unsent.
   */
  public static final String LEGACY_FILE_NAME = "telemetry-spool.jsonl";
  /** The most bodies kept. */
  public static final int MAX_ENTRIES = 100;
  /** The one lock file of every spool in a directory. */
  public static final String LOCK_FILE_NAME = "telemetry-spool.lock";
  /** The most bytes kept. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(Spool.class.getName());

  private final Path directory;
  private final String fileName;

  /** The spool of the requests for {@code endpoint}, in this directory. */
  public Spool(Path directory, URI endpoint) {
    this.directory = directory;
    this.fileName = "telemetry-spool-" + digest(endpoint.toString()) + ".jsonl";
  }

  /** The spool file. */
  public Path file() {
    return directory.resolve(fileName);
  }

  /** The lock file, one for every spool in the directory (so it is one file, however many servers). */
  public Path lockFile() {
    return directory.resolve(LOCK_FILE_NAME);
  }

  @Override
  public List<String> keep(List<String> bodies) {
    if (bodies.isEmpty()) {
      return List.of();
    }
    try {
      Files.createDirectories(directory);
      return DirectoryLock.holding(lockFile(), () -> {
        List<String> all = new ArrayList<>(readLines());
        List<String> dropped = new ArrayList<>();
        for (String body : bodies) {
          if (!body.contains("\n") && body.length() <= MAX_BYTES) {
            all.add(body);
          } else {
            dropped.add(body);
          }
        }
        int start = newest(all);
        dropped.addAll(all.subList(0, start));
        write(all.subList(start, all.size()));
        SpoolDirectory.tidy(directory, file());
        return dropped;
      });
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot spool telemetry to " + file() + ": " + e);
      return List.copyOf(bodies);
    }
  }

  @Override
  public List<String> takeAll() {
    if (!Files.exists(file()) && !Files.exists(directory.resolve(LEGACY_FILE_NAME))) {
      return List.of(); // nothing kept (one being written now is taken by the next run)
    }
    try {
      List<String> lines = DirectoryLock.holding(lockFile(), () -> {
        List<String> kept = readLines();
        Files.deleteIfExists(file());
        Files.deleteIfExists(directory.resolve(LEGACY_FILE_NAME));
        SpoolDirectory.tidy(directory, file());
        return kept;
      });
      List<String> valid = new ArrayList<>();
      for (String line : lines) {
        if (isWireRequest(line)) {
          valid.add(line);
        }
      }
      return valid;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot read the telemetry spool " + file() + ": " + e);
      return List.of();
    }
  }

  private List<String> readLines() throws IOException {
    Path file = file();
    if (!Files.isRegularFile(file) || Files.size(file) > 4L * MAX_BYTES) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Where the newest lines within the bounds start. */
  private static int newest(List<String> all) {
    int from = Math.max(0, all.size() - MAX_ENTRIES);
    long bytes = 0;
    int start = all.size();
    while (start > from && bytes + all.get(start - 1).length() + 1 <= MAX_BYTES) {
      bytes += all.get(start - 1).length() + 1;
      start--;
    }
    return start;
  }

  private void write(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      Files.deleteIfExists(file()); // nothing to keep: no empty file left behind
      return;
    }
    Path temp = Files.createTempFile(directory, fileName, ".tmp");
    try {
      Files.write(temp, lines, StandardCharsets.UTF_8);
      Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The first 16 hex digits of the text's SHA-256: a file name (or line) that does not spell the address. */
  static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean isWireRequest(String line) {
    try {
      Object document = JsonParser.parse(line);
      Object query = JsonParser.path(document, "query");
      return document instanceof Map<?, ?> && query instanceof String q
          && (q.equals(WireOperations.SEND_TELEMETRIES) || q.equals(WireOperations.REPORT_ERRORS)
              || q.equals(WireOperations.SEND_CLI_TELEMETRY));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
