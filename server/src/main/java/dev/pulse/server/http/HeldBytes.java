package dev.pulse.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing byte buffer whose memory is taken from a request's {@link BodyBudget.Hold} as it grows:
 * chunks of {@value #CHUNK} bytes (the first as large as the length announced, when one is), never
 * the doubling of a {@code ByteArrayOutputStream}, which holds up to twice what it was given. Not
 * thread-safe.
 */
final class HeldBytes {

  static final int CHUNK = 64 << 10;

  private final BodyBudget.Hold hold;
  private final List<byte[]> chunks = new ArrayList<>();
  private final int firstChunk;
  private int used;
  private long size;

  /** A buffer whose first chunk is {@code expected} bytes when that is known and below a chunk. */
  HeldBytes(BodyBudget.Hold hold, long expected) {
    this.hold = hold;
    this.firstChunk = expected > 0 && expected < CHUNK ? (int) expected : CHUNK;
  }

  /** Appends bytes; false, with nothing appended past the last whole chunk, when the budget has no room. */
  boolean write(byte[] bytes, int offset, int length) {
    while (length > 0) {
      byte[] last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
      if (last == null || used == last.length) {
        int next = chunks.isEmpty() ? firstChunk : CHUNK;
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

  long size() {
    return size;
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
