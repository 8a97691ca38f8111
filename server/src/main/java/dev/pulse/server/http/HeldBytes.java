package dev.pulse.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing byte buffer whose memory is taken from a request's {@link BodyBudget.Hold} as it grows,
 * in chunks: the first as large as the length announced (at most {@value #CHUNK} bytes), or {@value
 * #FIRST_UNKNOWN} when none is, so that many small bodies of unknown length hold little; then as large
 * as what it holds, up to {@value #CHUNK}. It never holds much more than it was given, as the doubling
 * of a {@code ByteArrayOutputStream} does. Not thread-safe.
 */
final class HeldBytes {

  static final int CHUNK = 64 << 10;
  static final int FIRST_UNKNOWN = 8 << 10;

  private final BodyBudget.Hold hold;
  private final List<byte[]> chunks = new ArrayList<>();
  private final int firstChunk;
  private int used;
  private long size;

  /** A buffer for {@code expected} bytes, or for an unknown number when it is not positive. */
  HeldBytes(BodyBudget.Hold hold, long expected) {
    this.hold = hold;
    this.firstChunk = expected > 0 ? (int) Math.min(expected, CHUNK) : FIRST_UNKNOWN;
  }

  /** Appends bytes; false, with nothing appended past the last whole chunk, when the budget has no room. */
  boolean write(byte[] bytes, int offset, int length) {
    while (length > 0) {
      byte[] last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
      if (last == null || used == last.length) {
        int next = chunks.isEmpty() ? firstChunk : (int) Math.min(CHUNK, Math.max(FIRST_UNKNOWN, size));
        if (!hold.take(next)) {
          return false;
        }
        last = new byte[next];
        chunks.add(last);
        used = 0;
      }
      int n = Math.min(length, last.length - used);
      System.arraycopy(bytes, offset, last, used, n);
      used += n;
      offset += n;
      length -= n;
      size += n;
    }
    return true;
  }

  /**
   * The bytes as one array, or null when the budget has no room for it. One full chunk is handed over
   * as it is; otherwise the array is taken from the budget and the chunks are given back.
   */
  byte[] toByteArray() {
    if (chunks.size() == 1 && used == chunks.get(0).length) {
      return chunks.get(0);
    }
    if (!hold.take(size)) {
      return null;
    }
    byte[] all = new byte[(int) size];
    int at = 0;
    long chunkBytes = 0;
    for (byte[] chunk : chunks) {
      int n = (int) Math.min(chunk.length, size - at);
      System.arraycopy(chunk, 0, all, at, n);
      at += n;
      chunkBytes += chunk.length;
    }
    chunks.clear();
    hold.give(chunkBytes);
    return all;
  }
}
