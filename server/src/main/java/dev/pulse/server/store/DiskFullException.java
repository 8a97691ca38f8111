package dev.pulse.server.store;

import java.nio.file.Path;

/**
 * A store operation failed because the disk it writes to is full (ENOSPC): that of the embedded
 * store's data dir, or that of the PostgreSQL database (whose adapter tells it by SQLState). This class
 * says it in our words, and tells a full disk from DuckDB's or the JDK's. The operation wrote nothing it
 * did not commit whole; freeing space on that disk and doing it again is the remedy.
 */
public final class DiskFullException extends StoreException {

  /** What to do about a database's full disk, and what became of the records. */
  private static final String DATABASE_REMEDY = "free space on that disk; nothing acknowledged is lost";

  private final String what;
  private final transient Path dir;
  /** "the disk of ..." naming the data dir or the database. */
  private final String disk;

  /** "{@code what} failed: the disk of {@code dir} is full", with the database's failure as the cause. */
  public DiskFullException(String what, Path dir, Throwable cause) {
    super(what + " failed: " + describe(dir), cause);
    this.what = what;
    this.dir = dir;
    this.disk = "the disk of " + dir;
  }

  private DiskFullException(String what, String database, Throwable cause) {
    super(what + " failed: the disk of " + database + " is full: " + DATABASE_REMEDY, cause);
    this.what = what;
    this.dir = null;
    this.disk = "the disk of " + database;
  }

  /**
   * "{@code what} failed: the disk of {@code database} is full", then what to do, for a store whose
   * database runs elsewhere (PostgreSQL); {@code database} names it in words, as "PostgreSQL's database
   * pulse on db:5432", never a path inside the database's own files.
   */
  public static DiskFullException ofDatabase(String what, String database, Throwable cause) {
    return new DiskFullException(what, database, cause);
  }

  /** What failed, as "refreshing the analytics rollups". */
  public String what() {
    return what;
  }

  /** The directory whose disk is full; null when it is a database's disk ({@link #ofDatabase}). */
  public Path dir() {
    return dir;
  }

  /** "the disk of ... is full", naming the data dir or the database. */
  public String describe() {
    return disk + " is full";
  }

  /**
   * The failure for an API client, who is not told the server's paths nor its database: the disk is
   * full, nothing is lost, and a retry helps once space is freed.
   */
  public String forClients() {
    return "the disk of the " + (dir == null ? "store's database" : "server's data dir") + " is full (" + what
        + " failed); nothing is lost: retry once space is freed on it";
  }

  /** "the disk of {@code dir} is full". */
  public static String describe(Path dir) {
    return "the disk of " + dir + " is full";
  }

  /**
   * Whether a failure is a full disk (ENOSPC, out of bytes or of files), as DuckDB and the JDK word it
   * (PostgreSQL's adapter asks its SQLState first, and this only as a fallback).
   */
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
