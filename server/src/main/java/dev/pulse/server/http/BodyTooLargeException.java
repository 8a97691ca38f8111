package dev.pulse.server.http;

import java.io.IOException;

/** A request body crossed a size limit while it was being read. */
final class BodyTooLargeException extends IOException {

  private final String limit;
  private final long maxBytes;

  BodyTooLargeException(String limit, long maxBytes) {
    super("the request body is larger than the limit of " + maxBytes + " bytes (" + limit + ")");
    this.limit = limit;
    this.maxBytes = maxBytes;
  }

  /** The name of the limit, e.g. {@code maxBodyBytes}. */
  String limit() {
    return limit;
  }

  long maxBytes() {
    return maxBytes;
  }
}
