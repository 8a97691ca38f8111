package dev.pulse.client.send;

/**
 * The bounds a Pulse server puts on one request, as the SDK keeps within them: a request over any is
 * refused whole, so one oversized field would lose every report sent with it. Copied from the
 * defaults of {@code dev.pulse.server.ingest.IngestLimits} (the client cannot depend on the server; the
 * cli module's {@code ClientStaysWithinIngestLimitsTest} checks they are equal). String lengths count
 * UTF-16 code units, as the server does.
 */
public final class ServerLimits {

  /** Ids, versions, cloud client ids, CLI nouns, verbs and modifiers, metadata keys. */
  public static final int MAX_IDENTIFIER_LENGTH = 256;
  /** An error's message. */
  public static final int MAX_MESSAGE_LENGTH = 8 * 1024;
  /** An error's class, each field of a stack frame, a metadata value. */
  public static final int MAX_FIELD_LENGTH = 1024;
  /** Errors in one cause chain, the outermost included. */
  public static final int MAX_CAUSE_DEPTH = 64;
  /** Frames of one error. */
  public static final int MAX_STACK_FRAMES = 256;
  /** Metadata entries of one error. */
  public static final int MAX_METADATA_ENTRIES = 64;
  /** Modifiers of one CLI command. */
  public static final int MAX_MODIFIERS = 32;
  /** A request's body before compression, in bytes. */
  public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
  /** Items (telemetries, errors, commands) in one request. */
  public static final int MAX_ITEMS_PER_REQUEST = 5000;

  private ServerLimits() {}

  /** What a character the server refuses in any string is sent as: U+FFFD, the replacement character. */
  public static final char REPLACEMENT = '\uFFFD';

  /**
   * {@code text} as the server stores it: each character it refuses in any string (a NUL, U+0000, which
   * PostgreSQL's text cannot hold, and half of a surrogate pair without its other half) replaced by
   * {@link #REPLACEMENT}, so that the length, and so every bound, stays as it was; the same instance when
   * there is none, and null stays null. Every string of every request is written through it ({@link
   * PayloadWriter}): one such character would have the whole request refused.
   */
  public static String storable(String text) {
    if (text == null || firstRefused(text) < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = firstRefused(text); i < chars.length; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
        i++; // a pair: kept
      } else if (c == '\0' || Character.isSurrogate(c)) {
        chars[i] = REPLACEMENT;
      }
    }
    return new String(chars);
  }

  /** The index of the first character the server refuses in a string, or -1. */
  private static int firstRefused(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (c == '\0' || Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code text} cut to at most {@code max} characters, never inside a surrogate pair; null stays null. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
