package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;

/** Reads one journal segment's entries back (at open), checking each; see {@link Journal}. */
final class SegmentScan {

  private SegmentScan() {}

  /**
   * Reads a segment's entries, handing those above {@code appliedSeq} to {@code handler}; returns its
   * last seq (its first seq - 1 when empty). A bad entry is cut off when {@code last} is set (a torn
   * append) and is an error otherwise.
   */
  static long scan(Path path, boolean last, Journal.EntryHandler handler, long appliedSeq)
      throws IOException {
    long lastSeq = Long.MIN_VALUE;
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long position = 0;
      ByteBuffer head = ByteBuffer.allocate(Journal.HEADER_BYTES);
      while (position < size) {
        String problem = null;
        byte[] payload = null;
        long firstSeq = 0;
        int records = 0;
        if (size - position < Journal.HEADER_BYTES) {
          problem = "a header cut short";
        } else {
          head.clear();
          readFully(channel, head, position);
          int length = head.getInt(0);
          firstSeq = head.getLong(4);
          records = head.getInt(12);
          if (length < 0 || length > size - position - Journal.HEADER_BYTES) {
            problem = "an entry cut short";
          } else {
            payload = new byte[length];
            readFully(channel, ByteBuffer.wrap(payload), position + Journal.HEADER_BYTES);
            if (EntryHeaders.crc(head.array(), 0, payload) != head.getInt(16)) {
              problem = "an entry that fails its checksum";
            } else if (records < 1 || firstSeq <= lastSeq) {
              problem = "an entry numbered " + firstSeq + "+" + records + " after seq " + lastSeq;
            }
          }
        }
        if (problem != null) {
          if (!last) {
            throw new StoreException("the journal segment " + path + " is corrupt: " + problem
                + " at byte " + position + " of " + size);
          }
          channel.truncate(position);
          channel.force(true);
          break;
        }
        if (firstSeq > appliedSeq) {
          handler.entry(firstSeq, records, payload);
        }
        lastSeq = firstSeq + records - 1;
        position += Journal.HEADER_BYTES + payload.length;
      }
    }
    Matcher name = Segments.NAME.matcher(path.getFileName().toString());
    if (lastSeq == Long.MIN_VALUE && name.matches()) {
      lastSeq = Long.parseLong(name.group(1)) - 1;
    }
    return lastSeq;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }
}
