package dev.pulse.server.imports;

/** A line of an import could not be read; the message names the line and the field. */
public final class ImportException extends RuntimeException {

  private final long line;

  public ImportException(long line, String message, Throwable cause) {
    super("line " + line + ": " + message, cause);
    this.line = line;
  }

  /** The 1-based line number of the offending record. */
  public long line() {
    return line;
  }
}
