package dev.pulse.server.web;

import java.util.Locale;

/**
 * What a request's {@code Content-Encoding} asks of its body: the one reading of it for every route
 * that takes a body.
 */
public enum ContentCoding {
  /** No header, an empty one, or {@code identity}: the body as it is. */
  NONE,
  /** {@code gzip}, or {@code x-gzip}, which RFC 9110 says to read as gzip. */
  GZIP,
  /** Any other coding: refused (415). */
  UNSUPPORTED;

  /** The coding {@code header} names, in any case and with white space around it. */
  public static ContentCoding of(String header) {
    String coding = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
    return switch (coding) {
      case "", "identity" -> NONE;
      case "gzip", "x-gzip" -> GZIP;
      default -> UNSUPPORTED;
    };
  }
}
