package dev.pulse.server.store.postgres;

import dev.pulse.server.store.UnstorableContentException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows written in PostgreSQL's binary COPY format: a header, then per row its field count and each
 * field as its length and bytes, then a trailer. Only the three column types of the raw tables.
 */
final class CopyBuffer {

  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, // signature
    0, 0, 0, 0, // flags: no OIDs
    0, 0, 0, 0 // no header extension
  };

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds after Java's. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private byte[] bytes;
  private int size;

  CopyBuffer(int expectedSize) {
    bytes = new byte[Math.max(64, expectedSize)];
    System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
    size = HEADER.length;
  }

  /** Starts a row of {@code fields} values. */
  CopyBuffer row(int fields) {
    room(2);
    putShort(fields);
    return this;
  }

  /**
   * A {@code timestamptz}, truncated to microseconds as both stores keep it (so their answers are
   * identical).
   */
  CopyBuffer time(Instant instant) {
    room(12);
    putInt(8);
    putLong(postgresMicros(instant));
    return this;
  }

  private static long postgresMicros(Instant instant) {
    try {
      long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
      return Math.subtractExact(micros, POSTGRES_EPOCH_MICROS);
    } catch (ArithmeticException beyondAnyLong) {
      // Far out of PostgreSQL's range: a value it refuses as such (SQLState 22008), as it would the
      // text. The two extremes themselves are its infinities, which it would take.
      return instant.getEpochSecond() > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
    }
  }

  /** An {@code integer}. */
  CopyBuffer int4(int value) {
    room(8);
    putInt(4);
    putInt(value);
    return this;
  }

  /** A {@code text} value, in UTF-8. */
  CopyBuffer text(String value) {
    int length = value.length();
    room(4 + length);
    int start = size;
    size += 4;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw nul();
      }
      if (c >= 0x80) { // not ASCII: let the JDK encode the whole value
        if (value.indexOf(0, i) >= 0) {
          throw nul();
        }
        size = start + 4;
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        break;
      }
      bytes[size++] = (byte) c;
    }
    int end = size;
    size = start;
    putInt(end - start - 4);
    size = end;
    return this;
  }

  private static UnstorableContentException nul() {
    return new UnstorableContentException("PostgreSQL cannot store the NUL character (U+0000) in text");
  }

  /** Ends the rows with the trailer; the buffer is then ready to send, as often as asked ({@link #stream}). */
  CopyBuffer finish() {
    room(2);
    putShort(-1);
    return this;
  }

  /** The finished rows, read in place: a batch's rows are megabytes, not copied again to be sent. */
  InputStream stream() {
    return new ByteArrayInputStream(bytes, 0, size);
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  private void putShort(int value) {
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  private void putInt(int value) {
    bytes[size++] = (byte) (value >>> 24);
    bytes[size++] = (byte) (value >>> 16);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  private void putLong(long value) {
    putInt((int) (value >>> 32));
    putInt((int) value);
  }
}
