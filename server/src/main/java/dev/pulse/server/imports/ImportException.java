package dev.pulse.server.imports;

/**
 * A line of an import could not be read; the message names the line and the field. The import
 * stopped there: {@link #committed()} is what it had committed before (nothing over HTTP).
 */
public final class ImportException extends RuntimeException {

  private final long line;
  private final ImportResult committed;

  public ImportException(long line, String message, ImportResult committed, Throwable cause) {
    super("line " + line + ": " + message, cause);
    this.line = line;
    this.committed = committed;
  }

  /** The 1-based line number of the offending record. */
  public long line() {
    return line;
  }

  /** What the import committed before the offending line's batch; a rerun skips it. */
  public ImportResult committed() {
    return committed;
  }
}
