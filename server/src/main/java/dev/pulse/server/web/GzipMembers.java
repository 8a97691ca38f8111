package dev.pulse.server.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates gzip data (RFC 1952) that must be gzip to its last byte: one member or several in a row,
 * as {@code cat a.gz b.gz} makes, and nothing after the last. {@link java.util.zip.GZIPInputStream}
 * reads the members too, but takes bytes after the last that are no member for the end of the data.
 * Fails as it does: {@link EOFException} for data that ends early, {@link ZipException} for data
 * that is not gzip or is corrupt ({@link #TRAILING} for bytes after the last member). Not thread-safe.
 */
public final class GzipMembers extends InputStream {

  /** The message of the failure for bytes after the last member that start no member. */
  public static final String TRAILING = "bytes after the last gzip member";

  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int FHCRC = 2;

  private final PushbackInputStream in;
  private final byte[] buffer;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] one = new byte[1];
  private int members;
  private boolean inMember;
  private boolean ended;
  private int filled;

  /** Inflates {@code in}, reading it {@code bufferSize} bytes at a time. */
  public GzipMembers(InputStream in, int bufferSize) {
    this.buffer = new byte[bufferSize];
    this.in = new PushbackInputStream(in, bufferSize);
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!ended) {
      if (!inMember && !startMember()) {
        ended = true;
        break;
      }
      int n = inflate(b, off, len);
      if (n > 0) {
        return n;
      }
      endMember();
    }
    return -1;
  }

  /** Reads a member's header; false at the end of the data after a member. */
  private boolean startMember() throws IOException {
    int first = in.read();
    if (first < 0 && members > 0) {
      return false;
    }
    int second = first < 0 ? -1 : in.read();
    if (first < 0 || second < 0) {
      throw members == 0 ? new EOFException() : new ZipException(TRAILING);
    }
    if (first != 0x1f || second != 0x8b) {
      throw new ZipException(members == 0 ? "Not in GZIP format" : TRAILING);
    }
    if (next() != 8) {
      throw new ZipException("Unsupported compression method");
    }
    int flags = next();
    skip(6); // modification time, extra flags, operating system
    if ((flags & FEXTRA) != 0) {
      skip(next() | next() << 8);
    }
    if ((flags & FNAME) != 0) {
      while (next() != 0) { /* the file's name */ }
    }
    if ((flags & FCOMMENT) != 0) {
      while (next() != 0) { /* a comment */ }
    }
    if ((flags & FHCRC) != 0) {
      skip(2);
    }
    inMember = true;
    members++;
    return true;
  }

  /** Inflated bytes of the member; 0 once its compressed data ends. */
  private int inflate(byte[] b, int off, int len) throws IOException {
    try {
      while (true) {
        int n = inflater.inflate(b, off, len);
        if (n > 0) {
          crc.update(b, off, n);
          return n;
        }
        if (inflater.finished()) {
          return 0;
        }
        if (inflater.needsDictionary()) {
          throw new ZipException("a preset dictionary, which gzip has not");
        }
        filled = in.read(buffer, 0, buffer.length);
        if (filled < 0) {
          throw new EOFException();
        }
        inflater.setInput(buffer, 0, filled);
      }
    } catch (DataFormatException e) {
      throw new ZipException(e.getMessage());
    }
  }

  /** Gives back the bytes read past the compressed data, and checks the member's trailer. */
  private void endMember() throws IOException {
    int unused = inflater.getRemaining();
    if (unused > 0) {
      in.unread(buffer, filled - unused, unused);
    }
    long crcSent = next() | next() << 8 | next() << 16 | (long) next() << 24;
    long sizeSent = next() | next() << 8 | next() << 16 | (long) next() << 24;
    if (crcSent != crc.getValue() || sizeSent != (inflater.getBytesWritten() & 0xffffffffL)) {
      throw new ZipException("Corrupt GZIP trailer");
    }
    inflater.reset();
    crc.reset();
    inMember = false;
  }

  private int next() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      next();
    }
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }
}
