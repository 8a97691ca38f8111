package dev.pulse.server.analytics.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link TooLargeException} as soon as more than {@code limit} bytes are read. */
final class BoundedInputStream extends FilterInputStream {

  /** The stream went past its limit. */
  static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("more than " + limit + " bytes");
    }
  }

  private final long limit;
  private long read;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) throws TooLargeException {
    read += n;
    if (read > limit) {
      throw new TooLargeException(limit);
    }
  }
}
