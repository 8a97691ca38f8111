package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only write-ahead journal of numbered entries, in segment files {@code <first seq>.journal}
 * of one directory ({@link Segments}). {@link #append} writes a group of entries with one write and
 * returns once they are on disk (one fdatasync for the group), so a store can acknowledge records
 * after it and apply them to its database later; {@link #replay} hands back the entries the database
 * does not have yet, and {@link #deleteAppliedThrough} drops closed segments whose entries it has.
 *
 * <p>An entry is a 20-byte header (payload length, first seq, record count, CRC-32C of the header's
 * first 16 bytes and the payload) and the payload. Entry seqs increase: each entry covers the seqs
 * {@code first .. first + records - 1}. A crash mid-append leaves a torn entry at the end of the last
 * segment; it was never acknowledged, and {@link #replay} cuts it off. A bad entry anywhere else is
 * corruption, and the replay fails rather than silently dropping what follows it.
 *
 * <p>After each sync, an append checks that its segment and the files it was opened with are still where
 * they were ({@link FileInPlace}): if not, it fails, and every later one, as a restart would not find them.
 *
 * <p>Thread-safe; appends are serialized.
 */
public final class Journal implements AutoCloseable {

  /** What {@link #replay} hands back: one entry's first seq, record count and payload. */
  public interface EntryHandler {
    void entry(long firstSeq, int records, byte[] payload);
  }

  /** One entry to append: its first seq, its record count and its payload. */
  public record Entry(long firstSeq, int records, byte[] payload) {}

  /** The default size past which the journal starts a new segment. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  static final int HEADER_BYTES = 20;

  private final Path dir;
  private final long segmentBytes;
  private final Clock clock;
  private final Segments segments;
  private final List<FileInPlace> companions;
  private FileInPlace segmentInPlace;
  private FileChannel current;
  private Path currentPath;
  private Instant currentOpenedAt;
  private long currentLastSeq;
  private long appliedSeq;
  private boolean broken;
  private boolean replayed;

  private Journal(Path dir, long segmentBytes, Clock clock, List<FileInPlace> companions) {
    this.dir = dir;
    this.companions = companions;
    this.segmentBytes = segmentBytes;
    this.clock = clock;
    this.segments = new Segments(dir);
  }

  /**
   * Opens the journal in {@code dir} (creating it). Reading it is {@link #replay}'s job, which must
   * come before {@link #start} and the first {@link #append}.
   *
   * @throws StoreException when the directory cannot be used
   */
  public static Journal open(Path dir, long segmentBytes, Clock clock) {
    return open(dir, segmentBytes, clock, List.of());
  }

  /** As {@link #open(Path, long, Clock)}; the {@code companions} must stay in place too (the database's file). */
  public static Journal open(Path dir, long segmentBytes, Clock clock, List<Path> companions) {
    if (segmentBytes < HEADER_BYTES) {
      throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
    }
    List<FileInPlace> inPlace = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Path companion : companions) {
        inPlace.add(FileInPlace.of(companion));
      }
    } catch (IOException e) {
      throw new StoreException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
    }
    return new Journal(dir, segmentBytes, clock, List.copyOf(inPlace));
  }

  /**
   * Reads every segment once, oldest first: checks each entry, cuts off a torn last entry, and hands
   * every entry with a first seq above {@code appliedSeq} to {@code handler}. Returns the last seq
   * the journal holds ({@code appliedSeq} if none is higher). Call once, before {@link #start}.
   *
   * @throws StoreException when a segment is corrupt or cannot be read
   */
  public synchronized long replay(long appliedSeq, EntryHandler handler) {
    long last = appliedSeq;
    try {
      List<Path> paths = segments.list();
      for (int i = 0; i < paths.size(); i++) {
        Path path = paths.get(i);
        long segmentLast = SegmentScan.scan(path, i == paths.size() - 1, handler, appliedSeq);
        segments.closed(path, segmentLast);
        last = Math.max(last, segmentLast);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read the journal in " + dir + ": " + e.getMessage(), e);
    }
    replayed = true;
    return last;
  }

  /**
   * Starts the segment that appends go to, first seq {@code nextSeq}, and marks everything up to
   * {@code appliedSeq} as applied (so the segments replayed are deleted).
   */
  public synchronized void start(long nextSeq, long appliedSeq) {
    if (!replayed) {
      throw new IllegalStateException("replay() the journal before starting it");
    }
    this.appliedSeq = appliedSeq;
    currentLastSeq = nextSeq - 1;
    openSegment(nextSeq);
    segments.deleteAppliedThrough(appliedSeq);
  }

  /** Appends one entry and returns once it is on disk; see {@link #append(List)}. */
  public void append(long firstSeq, int records, byte[] payload) {
    append(List.of(new Entry(firstSeq, records, payload)));
  }

  /**
   * Appends entries, in order, with one write, and returns once they are all on disk (one sync).
   *
   * @throws StoreException when they could not be written; none of them will be replayed
   */
  public synchronized void append(List<Entry> group) {
    if (broken) {
      throw new StoreException("the journal in " + dir + " failed earlier; restart the server");
    }
    if (current == null) {
      throw new IllegalStateException("start() the journal first");
    }
    ByteBuffer[] buffers = EntryHeaders.frame(group, currentLastSeq);
    long position;
    try {
      position = current.position();
    } catch (IOException e) {
      throw fail("cannot write to " + currentPath, e);
    }
    long bytes = Arrays.stream(buffers).mapToLong(ByteBuffer::remaining).sum();
    ByteBuffer last = buffers[buffers.length - 1];
    try {
      while (last.hasRemaining()) {
        current.write(buffers);
      }
    } catch (IOException e) {
      // A full disk mid-group: cut the torn entries off, so that the next one follows the last whole one.
      cutBack(position);
      throw new StoreException("cannot write to the journal " + currentPath + ": " + e.getMessage(), e);
    }
    try {
      current.force(false);
    } catch (IOException e) {
      // After a failed fsync the kernel may have dropped this group's dirty pages (the entries before
      // it were synced): cut it off and sync that, or, failing that, stop rather than retry (as
      // PostgreSQL does).
      cutBack(position);
      syncAfterCut(e);
      throw new StoreException("cannot sync the journal " + currentPath + ": " + e.getMessage(), e);
    }
    requireInPlace(position);
    Entry lastEntry = group.get(group.size() - 1);
    currentLastSeq = lastEntry.firstSeq() + lastEntry.records() - 1;
    if (position + bytes >= segmentBytes) {
      try {
        roll();
      } catch (StoreException e) {
        // The entries are on disk: the caller may acknowledge them. The journal is broken now, and
        // the next append says so.
      }
    }
  }

  /** Notes that every entry up to {@code seq} is applied, deleting the closed segments it covers. */
  public synchronized void deleteAppliedThrough(long seq) {
    appliedSeq = Math.max(appliedSeq, seq);
    segments.deleteAppliedThrough(appliedSeq);
  }

  /**
   * Starts a new segment if the current one was started before {@code instant} and holds entries, so
   * that its entries are deleted once applied (after an erasure or a retention prune, so that the
   * journal does not keep what the database no longer has).
   */
  public synchronized void rollIfStartedBefore(Instant instant) {
    if (current != null && !broken && currentOpenedAt.isBefore(instant) && holdsEntries()) {
      roll();
    }
  }

  /** Whether appends fail (an earlier write or sync failed). */
  public synchronized boolean isBroken() {
    return broken;
  }

  /** The segment files now on disk, oldest first. */
  public synchronized List<Path> segments() throws IOException {
    return segments.list();
  }

  /** Closes the current segment, deleting every segment if all their entries are applied. */
  @Override
  public synchronized void close() {
    if (current == null) {
      return;
    }
    try {
      current.close();
    } catch (IOException e) {
      // Everything acknowledged was synced already.
    }
    if (appliedSeq >= currentLastSeq) {
      segments.closed(currentPath, currentLastSeq);
      segments.deleteAppliedThrough(appliedSeq);
    }
    current = null;
  }

  private boolean holdsEntries() {
    try {
      return current.position() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  private void roll() {
    try {
      current.close();
    } catch (IOException e) {
      throw fail("cannot close " + currentPath, e);
    }
    segments.closed(currentPath, currentLastSeq);
    openSegment(currentLastSeq + 1);
    segments.deleteAppliedThrough(appliedSeq);
  }

  private void openSegment(long firstSeq) {
    try {
      Segments.Opened opened = segments.create(firstSeq);
      current = opened.channel();
      currentPath = opened.path();
      segmentInPlace = FileInPlace.of(currentPath);
    } catch (IOException e) {
      throw fail("cannot create the journal segment " + firstSeq + Segments.SUFFIX + " in " + dir, e);
    }
    currentOpenedAt = clock.instant();
  }

  /** Fails the group just synced, and the journal, when one of its files is no longer where it was. */
  private void requireInPlace(long position) {
    String moved = FileInPlace.firstMoved(segmentInPlace, companions);
    if (moved != null) {
      cutBack(position);
      broken = true;
      throw new StoreException(moved);
    }
  }

  private void cutBack(long position) {
    try {
      current.truncate(position);
      current.position(position);
    } catch (IOException e) {
      broken = true;
    }
  }

  private void syncAfterCut(IOException cause) {
    try {
      current.force(false);
    } catch (IOException e) {
      throw fail("cannot sync the journal " + currentPath + " (" + cause.getMessage() + ")", e);
    }
  }

  private StoreException fail(String what, IOException e) {
    broken = true;
    return new StoreException(what + ": " + e.getMessage(), e);
  }
}
