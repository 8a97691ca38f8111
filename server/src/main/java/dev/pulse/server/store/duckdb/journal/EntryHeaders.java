package dev.pulse.server.store.duckdb.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The {@link Journal}'s entry header: payload length (i32), first seq (i64), record count (i32) and
 * the CRC-32C of those 16 bytes and the payload (i32), big-endian.
 */
final class EntryHeaders {

  private EntryHeaders() {}

  /**
   * Headers and payloads of a group, in the order they are written: header, payload, header, ...
   *
   * @throws IllegalArgumentException when the group is empty, or an entry holds no record or does not
   *     follow the seq before it ({@code afterSeq} for the first)
   */
  static ByteBuffer[] frame(List<Journal.Entry> group, long afterSeq) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("no entry to append");
    }
    byte[] headers = new byte[Journal.HEADER_BYTES * group.size()];
    ByteBuffer view = ByteBuffer.wrap(headers).order(ByteOrder.BIG_ENDIAN);
    ByteBuffer[] buffers = new ByteBuffer[2 * group.size()];
    long last = afterSeq;
    for (int i = 0; i < group.size(); i++) {
      Journal.Entry entry = group.get(i);
      if (entry.firstSeq() <= last || entry.records() < 1) {
        throw new IllegalArgumentException("entry " + entry.firstSeq() + "+" + entry.records() + " after " + last);
      }
      last = entry.firstSeq() + entry.records() - 1;
      int at = i * Journal.HEADER_BYTES;
      view.putInt(at, entry.payload().length).putLong(at + 4, entry.firstSeq()).putInt(at + 12, entry.records());
      view.putInt(at + 16, crc(headers, at, entry.payload()));
      buffers[2 * i] = ByteBuffer.wrap(headers, at, Journal.HEADER_BYTES);
      buffers[2 * i + 1] = ByteBuffer.wrap(entry.payload());
    }
    return buffers;
  }

  /** The checksum of a header's first 16 bytes, at {@code offset} in {@code head}, and the payload. */
  static int crc(byte[] head, int offset, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(head, offset, 16);
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue();
  }
}
