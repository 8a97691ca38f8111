package dev.pulse.server.ingest;

/**
 * A request's input broke a rule or a limit. Answered as a GraphQL error whose message names the
 * field (e.g. {@code telemetries[3].data.count}) and whose {@code extensions.code} is {@link #code()};
 * nothing of the request is stored.
 */
public final class InputViolation extends RuntimeException {

  /** A string is longer than its limit. */
  public static final String STRING_TOO_LONG = "STRING_TOO_LONG";
  /** A list has more entries than its limit. */
  public static final String TOO_MANY_ITEMS = "TOO_MANY_ITEMS";
  /** A {@code cause} chain is deeper than its limit. */
  public static final String CAUSE_TOO_DEEP = "CAUSE_TOO_DEEP";
  /** A string holds a NUL character (U+0000) or an unpaired surrogate, which no store can keep. */
  public static final String INVALID_CHARACTER = "INVALID_CHARACTER";
  /** A negative {@code count}. */
  public static final String NEGATIVE_COUNT = "NEGATIVE_COUNT";

  private final String code;
  private final String field;

  public InputViolation(String code, String field, String message) {
    // No stack trace: this is an answer to a client, not a fault, and it can be frequent.
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  /** The machine-readable reason, one of the constants of this class. */
  public String code() {
    return code;
  }

  /** The offending field's path in the variables, e.g. {@code errors[0].cause.stack}. */
  public String field() {
    return field;
  }
}
