package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one journal segment's entries back (at open), checking each; see {@link Journal}.
 *
 * <p>A bad entry is judged by what follows it. Nothing whole: a torn append, cut off (only in the last
 * segment; elsewhere it is corruption). A whole entry whose records follow on from the database's
 * (every record of the bad one is applied already): skipped, nothing is lost. A whole entry beyond
 * that: corruption of records the database may not have, so the open fails and names the file and
 * byte, rather than silently dropping the entries after it.
 */
final class SegmentScan {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentScan.class);

  private SegmentScan() {}

  /**
   * Reads a segment's entries, handing those above {@code appliedSeq} to {@code handler}; returns its
   * last seq (its first seq - 1 when empty). {@code last} says whether it is the last segment, the
   * only one an append may have torn.
   */
  static long scan(Path path, boolean last, Journal.EntryHandler handler, long appliedSeq)
      throws IOException {
    long first = Segments.firstSeq(path);
    long before = first == Long.MIN_VALUE ? Long.MIN_VALUE : first - 1;
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
          long next = nextWholeEntry(channel, position + 1, size, Math.max(lastSeq, before));
          if (next >= 0 && firstSeqAt(channel, next) <= appliedSeq + 1) {
            LOG.warn("journal segment {}: skipped {} at byte {}, whose records are all in the database already",
                path, problem, position);
            position = next;
            continue;
          }
          if (!last || next >= 0) {
            throw corrupt(path, problem, position, size);
          }
          channel.truncate(position);
          channel.force(true);
          // Acknowledged appends are whole on disk: what is cut was never acknowledged to any client.
          LOG.warn("the last stop was not clean (a crash, a kill or a full disk): the journal segment {} ended in"
              + " {}, an append never acknowledged; cut off its {} bytes from byte {}", path, problem, size - position,
              position);
          break;
        }
        if (firstSeq > appliedSeq) {
          handler.entry(firstSeq, records, payload);
        }
        lastSeq = firstSeq + records - 1;
        position += Journal.HEADER_BYTES + payload.length;
      }
    }
    return lastSeq == Long.MIN_VALUE ? before : lastSeq;
  }

  private static StoreException corrupt(Path path, String problem, long position, long size) {
    return new StoreException("the journal segment " + path + " is corrupt: " + problem + " at byte " + position
        + " of " + size + ", with whole entries after it. Copy the data dir aside first. To start without the"
        + " records from that byte on (they are lost), truncate the file there: truncate -s " + position + " "
        + path);
  }

  /**
   * The position of the first whole entry (a plausible header and a matching checksum) numbered after
   * {@code afterSeq} in {@code [from, size)}, or -1. Only read when an entry is bad, so it may look at
   * every byte.
   */
  private static long nextWholeEntry(FileChannel channel, long from, long size, long afterSeq) throws IOException {
    if (size - from < Journal.HEADER_BYTES) {
      return -1;
    }
    MappedByteBuffer rest = channel.map(FileChannel.MapMode.READ_ONLY, from, size - from);
    int end = rest.limit();
    for (int at = 0; at <= end - Journal.HEADER_BYTES; at++) {
      int length = rest.getInt(at);
      long firstSeq = rest.getLong(at + 4);
      if (length < 0 || length > end - at - Journal.HEADER_BYTES || rest.getInt(at + 12) < 1
          || firstSeq <= afterSeq) {
        continue;
      }
      CRC32C crc = new CRC32C();
      crc.update(rest.duplicate().position(at).limit(at + 16));
      crc.update(rest.duplicate().position(at + Journal.HEADER_BYTES).limit(at + Journal.HEADER_BYTES + length));
      if ((int) crc.getValue() == rest.getInt(at + 16)) {
        return from + at;
      }
    }
    return -1;
  }

  private static long firstSeqAt(FileChannel channel, long position) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(Journal.HEADER_BYTES);
    readFully(channel, head, position);
    return head.getLong(4);
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
