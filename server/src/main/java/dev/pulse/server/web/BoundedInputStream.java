package dev.pulse.server.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code maxBytes} bytes through and throws {@link BodyTooLargeException} as soon as
 * one more is read: the one bounded stream of the server (telemetry bodies, imports). Put behind
 * a {@link java.util.zip.GZIPInputStream} it stops a gzip bomb after
 * {@code maxBytes} of output, whatever the compressed input still holds. Not thread-safe.
 */
public final class BoundedInputStream extends FilterInputStream {

  private final long maxBytes;
  private final String limit;
  private long read;

  /**
   * A stream of at most {@code maxBytes} bytes of {@code in}.
   *
   * @param limit the limit's name, for the message (e.g. {@code maxBodyBytes})
   */
  public BoundedInputStream(InputStream in, long maxBytes, String limit) {
    super(in);
    this.maxBytes = maxBytes;
    this.limit = limit;
  }

  /** The bytes passed through so far. */
  public long bytesRead() {
    return read;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    // Never ask for more than one byte past the limit: that byte is enough to know.
    long allowed = maxBytes - read + 1;
    int n = in.read(buffer, offset, (int) Math.min(length, Math.max(1, allowed)));
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, maxBytes - read + 1));
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) throws BodyTooLargeException {
    read += n;
    if (read > maxBytes) {
      throw new BodyTooLargeException(limit, maxBytes);
    }
  }
}
