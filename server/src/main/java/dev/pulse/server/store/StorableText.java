package dev.pulse.server.store;

/**
 * What text every store can hold: no NUL character (PostgreSQL's text cannot) and no surrogate that
 * is not half of a pair (it has no UTF-8 encoding). Ingestion and import refuse the rest, so that
 * both stores keep the same records.
 */
public final class StorableText {

  private StorableText() {}

  /** The index of the first character no store may hold, or -1 when there is none. */
  public static int firstInvalid(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++; // a valid pair
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
