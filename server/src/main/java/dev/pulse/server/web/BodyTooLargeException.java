package dev.pulse.server.web;

import java.io.IOException;

/** A request body crossed a size limit while it was being read. */
public final class BodyTooLargeException extends IOException {

  private final String limit;
  private final long maxBytes;

  /** A body larger than {@code maxBytes}, the limit named {@code limit}. */
  public BodyTooLargeException(String limit, long maxBytes) {
    super("the request body is larger than the limit of " + maxBytes + " bytes (" + limit + ")");
    this.limit = limit;
    this.maxBytes = maxBytes;
  }

  /** The name of the limit, e.g. {@code maxBodyBytes}. */
  public String limit() {
    return limit;
  }

  /** The limit in bytes. */
  public long maxBytes() {
    return maxBytes;
  }
}
