package dev.pulse.server.store;

import java.util.regex.Pattern;

/**
 * A store operation failed; the message says which and the cause says why. The message is for
 * people: a native stack trace that a database appended to its error (DuckDB does, on a fatal
 * error) is left out of it, and stays in the cause.
 */
public class StoreException extends RuntimeException {

  private static final Pattern NATIVE_TRACE = Pattern.compile("\\s*Stack Trace:\\s*\\R.*", Pattern.DOTALL);

  public StoreException(String message, Throwable cause) {
    super(readable(message), cause);
  }

  public StoreException(String message) {
    super(readable(message));
  }

  /** {@code message} without the native stack trace a database may have appended to it. */
  public static String readable(String message) {
    return message == null ? null : NATIVE_TRACE.matcher(message).replaceFirst("");
  }
}
