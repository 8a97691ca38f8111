package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges records once they are in the {@link Journal}, and applies them to a database behind,
 * on its own thread, many requests per transaction. The database's pauses (DuckDB blocks commits
 * while it checkpoints) then delay when records become readable, not the acknowledgement.
 *
 * <p>The records waiting to be applied are held in memory in their journal encoding (about 86 bytes
 * a benchmark event, and no long-lived objects for the garbage collector to promote), at most
 * {@link Settings#maxBacklogBytes}: past that, {@link #append} waits for room (then fails,
 * journaling nothing), so a database that cannot keep up slows intake instead of filling the heap.
 *
 * <p>The database keeps the highest seq it applied in the same transaction as the rows ({@link
 * Target}); {@link #open} replays the journal's entries above it, so every acknowledged record is
 * applied exactly once across crashes.
 *
 * <p>Thread-safe. {@link #append} calls are serialized (one group-commit writer makes them).
 */
public final class WriteAhead implements AutoCloseable {

  /** The database behind the journal. */
  public interface Target {
    /**
     * Writes the records, numbered from {@code firstSeq}, and records {@code lastSeq} as applied, in
     * one transaction.
     *
     * @throws StoreException when nothing was written
     */
    void apply(RecordBatch batch, long firstSeq, long lastSeq);
  }

  /**
   * @param maxBacklogBytes the encoded size of the records acknowledged but not yet applied, at most
   * @param maxGroupRecords records applied per transaction, at most (a larger entry is applied alone)
   * @param segmentBytes the journal segment size past which a new one starts
   * @param waitTimeout how long {@link #append} waits for room and a read for the records before it
   * @param maxRetryPause the longest pause between attempts to apply a group that failed (the first
   *     is 50 ms, then each doubles)
   */
  public record Settings(
      long maxBacklogBytes, int maxGroupRecords, long segmentBytes, Duration waitTimeout, Duration maxRetryPause) {

    /** 128 MiB of backlog: about 1.5 million benchmark events, 25 s at 60,000 a second. */
    public static final Settings DEFAULTS =
        new Settings(128L << 20, 50_000, Journal.DEFAULT_SEGMENT_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(5));

    public Settings {
      if (maxBacklogBytes < 1 || maxGroupRecords < 1) {
        throw new IllegalArgumentException("backlog and group bounds must be positive");
      }
      Objects.requireNonNull(waitTimeout, "waitTimeout");
      Objects.requireNonNull(maxRetryPause, "maxRetryPause");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(WriteAhead.class);
  private static final long FIRST_RETRY_MILLIS = 50;

  private final Journal journal;
  private final Target target;
  private final Settings settings;
  private final Thread applier;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final Condition applied = lock.newCondition();
  private final ArrayDeque<Entry> pending = new ArrayDeque<>();
  private long backlogRecords;
  private long backlogBytes;
  private long appliedSeq;
  private volatile long nextSeq;
  private volatile boolean failing;
  private boolean closing;

  private record Entry(long firstSeq, int records, byte[] payload) {
    long lastSeq() {
      return firstSeq + records - 1;
    }
  }

  private WriteAhead(Journal journal, Target target, Settings settings, long appliedSeq) {
    this.journal = journal;
    this.target = target;
    this.settings = settings;
    this.appliedSeq = appliedSeq;
    this.nextSeq = appliedSeq + 1;
    this.applier = new Thread(this::applyLoop, "pulse-journal-apply");
    applier.setDaemon(true);
  }

  /**
   * Opens the journal in {@code dir}, applies to {@code target} every entry above {@code
   * appliedSeq} (the highest seq the target holds) before returning, and starts applying appends.
   *
   * @throws StoreException when the journal is corrupt or the replay failed (the journal is kept)
   */
  public static WriteAhead open(Path dir, long appliedSeq, Target target, Settings settings, Clock clock) {
    Journal journal = Journal.open(dir, settings.segmentBytes(), clock);
    try {
      Replay replay = new Replay(target, settings.maxGroupRecords());
      long last = journal.replay(appliedSeq, replay::add);
      replay.flush();
      if (replay.records > 0) {
        LOG.info("applied {} records from the journal in {}", replay.records, dir);
      }
      journal.start(last + 1, last);
      WriteAhead writeAhead = new WriteAhead(journal, target, settings, last);
      writeAhead.applier.start();
      return writeAhead;
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /**
   * Journals the batch and returns once it is on disk; it is applied later. Its records are numbered
   * from {@link #nextSeq()}.
   *
   * @throws StoreException when the batch could not be journaled (nothing of it will be applied)
   */
  public synchronized void append(RecordBatch batch) {
    int records = batch.size();
    if (records == 0) {
      return;
    }
    byte[] payload = BatchCodec.encode(batch);
    reserve(records, payload.length);
    long first = nextSeq;
    try {
      journal.append(first, records, payload);
    } catch (RuntimeException e) {
      release(records, payload.length);
      throw e;
    }
    nextSeq = first + records;
    lock.lock();
    try {
      pending.add(new Entry(first, records, payload));
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The seq the next appended record gets. */
  public long nextSeq() {
    return nextSeq;
  }

  /**
   * Returns once every record appended before the call is applied, so that a read sees what was
   * acknowledged.
   *
   * @throws StoreException when they are still not applied after the wait timeout
   */
  public void awaitApplied() {
    long target = nextSeq - 1;
    long deadline = System.nanoTime() + settings.waitTimeout().toNanos();
    lock.lock();
    try {
      while (appliedSeq < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StoreException("the store is " + (target - appliedSeq)
              + " records behind what it acknowledged; they are safe in the journal, retry later");
        }
        applied.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for acknowledged records to be applied");
    } finally {
      lock.unlock();
    }
  }

  /**
   * Tells the journal that the database deleted records (an erasure, a retention prune) received
   * before {@code instant}: segments that may hold them are closed, and deleted once applied.
   */
  public void removedBefore(Instant instant) {
    journal.rollIfStartedBefore(instant);
    long seq;
    lock.lock();
    try {
      seq = appliedSeq;
    } finally {
      lock.unlock();
    }
    journal.deleteAppliedThrough(seq);
  }

  /** Records acknowledged and not yet applied. */
  public long backlog() {
    lock.lock();
    try {
      return backlogRecords;
    } finally {
      lock.unlock();
    }
  }

  /** Whether appends and applies are succeeding. */
  public boolean isHealthy() {
    return !failing && !journal.isBroken() && applier.isAlive();
  }

  /**
   * Applies what is pending (waiting at most the wait timeout), stops the applier and closes the
   * journal, deleting its segments when everything is applied. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      applier.join(settings.waitTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (applier.isAlive()) {
      LOG.warn("closing with {} records not yet applied; they are replayed from the journal at the next start",
          backlog());
      applier.interrupt();
    }
    journal.close();
  }

  private void reserve(int records, int bytes) {
    long deadline = System.nanoTime() + settings.waitTimeout().toNanos();
    lock.lock();
    try {
      // A batch larger than the whole bound waits for an empty backlog rather than forever.
      while (backlogBytes > 0 && backlogBytes + bytes > settings.maxBacklogBytes()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StoreException("the store is " + backlogRecords
              + " records behind; nothing of this request was stored, retry later");
        }
        room.awaitNanos(left);
      }
      if (closing) {
        throw new StoreException("the store is closing; retry against another server");
      }
      backlogRecords += records;
      backlogBytes += bytes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for room in the store's backlog");
    } finally {
      lock.unlock();
    }
  }

  private void release(long records, long bytes) {
    lock.lock();
    try {
      backlogRecords -= records;
      backlogBytes -= bytes;
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void applyLoop() {
    List<Entry> group = new ArrayList<>();
    long retryMillis = FIRST_RETRY_MILLIS;
    while (true) {
      if (group.isEmpty() && !takeGroup(group)) {
        return;
      }
      Entry first = group.get(0);
      Entry last = group.get(group.size() - 1);
      RecordBatch batch;
      long bytes = 0;
      try {
        batch = decode(group);
        for (Entry entry : group) {
          bytes += entry.payload.length;
        }
        target.apply(batch, first.firstSeq, last.lastSeq());
      } catch (RuntimeException e) {
        // Acknowledged records cannot be dropped: keep the group and retry, slower each time, while
        // readiness says the store is failing.
        failing = true;
        LOG.error("applying journaled records {} to {} failed; retrying in {} ms: {}", first.firstSeq,
            last.lastSeq(), retryMillis, e.getMessage());
        if (!pause(retryMillis)) {
          return;
        }
        retryMillis = Math.min(settings.maxRetryPause().toMillis(), retryMillis * 2);
        continue;
      }
      failing = false;
      retryMillis = FIRST_RETRY_MILLIS;
      lock.lock();
      try {
        // Together, so that whoever sees the records applied also sees the backlog without them.
        appliedSeq = last.lastSeq();
        backlogRecords -= batch.size();
        backlogBytes -= bytes;
        applied.signalAll();
        room.signalAll();
      } finally {
        lock.unlock();
      }
      journal.deleteAppliedThrough(last.lastSeq());
      group.clear();
    }
  }

  /** Waits for pending entries and takes a group of them; false once closing and none is left. */
  private boolean takeGroup(List<Entry> group) {
    lock.lock();
    try {
      while (pending.isEmpty()) {
        if (closing) {
          return false;
        }
        work.awaitUninterruptibly();
      }
      int records = 0;
      while (!pending.isEmpty()
          && (group.isEmpty() || records + pending.peek().records <= settings.maxGroupRecords())) {
        Entry entry = pending.poll();
        group.add(entry);
        records += entry.records;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private static RecordBatch decode(List<Entry> group) {
    List<RecordBatch> batches = new ArrayList<>(group.size());
    for (Entry entry : group) {
      batches.add(BatchCodec.decode(entry.payload, 0, entry.payload.length));
    }
    return batches.size() == 1 ? batches.get(0) : RecordBatch.concat(batches);
  }

  /** Waits before a retry; false if interrupted (close gave up on the applier). */
  private boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Applies replayed entries in groups of at most the group bound. */
  private static final class Replay {
    private final Target target;
    private final int maxGroupRecords;
    private final List<RecordBatch> batches = new ArrayList<>();
    private long firstSeq;
    private long lastSeq;
    private int groupRecords;
    private long records;

    Replay(Target target, int maxGroupRecords) {
      this.target = target;
      this.maxGroupRecords = maxGroupRecords;
    }

    void add(long first, int count, byte[] payload) {
      RecordBatch batch = BatchCodec.decode(payload, 0, payload.length);
      if (batch.size() != count) {
        throw new StoreException("the journal entry at seq " + first + " holds " + batch.size()
            + " records, its header says " + count);
      }
      if (groupRecords > 0 && groupRecords + count > maxGroupRecords) {
        flush();
      }
      if (batches.isEmpty()) {
        firstSeq = first;
      }
      batches.add(batch);
      lastSeq = first + count - 1;
      groupRecords += count;
    }

    void flush() {
      if (batches.isEmpty()) {
        return;
      }
      target.apply(RecordBatch.concat(batches), firstSeq, lastSeq);
      records += groupRecords;
      batches.clear();
      groupRecords = 0;
    }
  }
}
