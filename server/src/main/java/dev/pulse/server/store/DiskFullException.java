package dev.pulse.server.store;

import java.nio.file.Path;

/**
 * A store operation failed because the disk of its data dir is full (ENOSPC): the one place that
 * tells a full disk from a database's or the JDK's words, and says it in ours. The operation wrote
 * nothing it did not commit whole; freeing space on {@link #dir} and doing it again is the remedy.
 */
public final class DiskFullException extends StoreException {

  private final String what;
  private final transient Path dir;

  /** "{@code what} failed: the disk of {@code dir} is full", with the database's failure as the cause. */
  public DiskFullException(String what, Path dir, Throwable cause) {
    super(what + " failed: " + describe(dir), cause);
    this.what = what;
    this.dir = dir;
  }

  /** What failed, as "refreshing the analytics rollups". */
  public String what() {
    return what;
  }

  /** The directory whose disk is full. */
  public Path dir() {
    return dir;
  }

  /**
   * The failure for an API client, who is not told the server's paths: the disk is full, nothing
   * is lost, and a retry helps once space is freed.
   */
  public String forClients() {
    return "the disk of the server's data dir is full (" + what + " failed); nothing is lost: retry once space"
        + " is freed on it";
  }

  /** "the disk of {@code dir} is full". */
  public static String describe(Path dir) {
    return "the disk of " + dir + " is full";
  }

  /** Whether a failure is a full disk (ENOSPC, out of bytes or of files), as DuckDB and the JDK word it. */
  public static boolean isDiskFull(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DiskFullException || isDiskFull(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a failure's message (null: none) says the disk is full, for a caller given only the message. */
  public static boolean isDiskFull(String message) {
    return message != null && message.contains("No space left on device");
  }

  /**
   * {@code failure} as a {@link DiskFullException} of {@code what} on {@code dir} when it is a full
   * disk; otherwise a {@link StoreException} "{@code what} failed: " and the failure's own words.
   */
  public static StoreException of(String what, Path dir, Throwable failure) {
    return isDiskFull(failure) ? new DiskFullException(what, dir, failure)
        : new StoreException(what + " failed: " + failure.getMessage(), failure);
  }
}
