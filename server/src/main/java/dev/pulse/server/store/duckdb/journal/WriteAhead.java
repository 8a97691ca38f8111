package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges records once they are in the {@link Journal}, and applies them to a database behind,
 * on its own thread, many requests per transaction. The database's pauses (DuckDB blocks commits
 * while it checkpoints) then delay when records become readable, not the acknowledgement.
 *
 * <p>Two threads do the work. The {@link JournalWriter} is the one grouping stage: concurrent
 * {@link #append} calls hand it their encoded batch, and it writes everything waiting with one
 * fdatasync, then releases them. The {@link Applier} takes what was journaled, as the requests' own
 * batches (no decoding) while the backlog is small, and writes it to the database.
 *
 * <p>The records waiting to be applied are bounded by their encoded size, {@link
 * Settings#maxBacklogBytes} ({@link Backlog}): past that, {@link #append} waits for room (then
 * fails, journaling nothing), so a database that cannot keep up slows intake instead of filling the
 * heap.
 *
 * <p>The database keeps the highest seq it applied in the same transaction as the rows ({@link
 * Target}); {@link #open} replays the journal's entries above it, so every acknowledged record is
 * applied exactly once across crashes. Thread-safe.
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
   * @param maxObjectRecords records waiting to be applied as their requests' batches, at most; the
   *     others wait in their journal encoding and are decoded when applied
   * @param applyDelay how long journaled records may wait before they are applied, so that a
   *     transaction carries many requests: the applier goes as soon as {@code maxGroupRecords / 5}
   *     records wait, a read waits for them, or the store closes
   * @param gatherDelay how long the journal's writer lets a group gather after a group of several
   *     requests, before its one write and sync ({@link JournalWriter})
   */
  public record Settings(
      long maxBacklogBytes, int maxGroupRecords, long segmentBytes, Duration waitTimeout,
      Duration maxRetryPause, int maxObjectRecords, Duration applyDelay, Duration gatherDelay) {

    /** Records kept as objects by default: a full group's worth, some tens of MiB of heap. */
    public static final int DEFAULT_MAX_OBJECT_RECORDS = 250_000;

    /** How long records wait to be applied with others by default. */
    public static final Duration DEFAULT_APPLY_DELAY = Duration.ofMillis(20);

    /**
     * How long a group gathers by default: about two syncs of this machine's disk, which cut the syncs
     * (and the writer's CPU, most of it the kernel's) by half or more at full load (docs/performance.md).
     */
    public static final Duration DEFAULT_GATHER_DELAY = Duration.ofMillis(1);

    /**
     * Records applied per transaction by default: above DuckDB's row group (122,880 rows), so that a
     * backlog is applied in transactions DuckDB writes to its file compressed, once, instead of to
     * its WAL first and again at the checkpoint.
     */
    public static final int DEFAULT_MAX_GROUP_RECORDS = 250_000;

    /** 128 MiB of backlog: about 1.5 million benchmark events, 25 s at 60,000 a second. */
    public static final Settings DEFAULTS =
        new Settings(128L << 20, DEFAULT_MAX_GROUP_RECORDS, Journal.DEFAULT_SEGMENT_BYTES, Duration.ofSeconds(30),
            Duration.ofSeconds(5), DEFAULT_MAX_OBJECT_RECORDS, DEFAULT_APPLY_DELAY, DEFAULT_GATHER_DELAY);

    public Settings {
      if (maxBacklogBytes < 1 || maxGroupRecords < 1 || maxObjectRecords < 0) {
        throw new IllegalArgumentException("backlog and group bounds must be positive");
      }
      Objects.requireNonNull(waitTimeout, "waitTimeout");
      Objects.requireNonNull(maxRetryPause, "maxRetryPause");
      Objects.requireNonNull(applyDelay, "applyDelay");
      Objects.requireNonNull(gatherDelay, "gatherDelay");
    }

    /** Settings keeping the default number of records as objects, with the default delays. */
    public Settings(
        long maxBacklogBytes, int maxGroupRecords, long segmentBytes, Duration waitTimeout, Duration maxRetryPause) {
      this(maxBacklogBytes, maxGroupRecords, segmentBytes, waitTimeout, maxRetryPause, DEFAULT_MAX_OBJECT_RECORDS,
          DEFAULT_APPLY_DELAY, DEFAULT_GATHER_DELAY);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(WriteAhead.class);

  private final Journal journal;
  private final Settings settings;
  private final Backlog backlog;
  private final Applier applier;
  private final JournalWriter writer;

  private WriteAhead(Journal journal, Target target, Settings settings, long appliedSeq, CommitObserver observer) {
    this.journal = journal;
    this.settings = settings;
    this.backlog = new Backlog(settings.maxBacklogBytes(), settings.waitTimeout(), appliedSeq);
    this.applier = new Applier(target, settings, backlog, journal);
    this.writer = new JournalWriter(journal, appliedSeq, applier, observer, settings.gatherDelay());
  }

  /** As {@link #open(Path, long, Target, Settings, Clock, CommitObserver, List)}, observing nothing. */
  public static WriteAhead open(Path dir, long appliedSeq, Target target, Settings settings, Clock clock) {
    return open(dir, appliedSeq, target, settings, clock, CommitObserver.NONE, List.of());
  }

  /**
   * Opens the journal in {@code dir}, applies to {@code target} every entry above {@code
   * appliedSeq} (the highest seq the target holds) before returning, and starts journaling appends,
   * telling {@code observer} of every group written. An append fails, and every later one, once the
   * journal or one of the {@code targetFiles} (the database's) is no longer where it was.
   *
   * @throws StoreException when the journal is corrupt or the replay failed (the journal is kept)
   */
  public static WriteAhead open(Path dir, long appliedSeq, Target target, Settings settings, Clock clock,
      CommitObserver observer, List<Path> targetFiles) {
    Journal journal = Journal.open(dir, settings.segmentBytes(), clock, targetFiles);
    try {
      Replay replay = new Replay(target, settings.maxGroupRecords());
      long last = journal.replay(appliedSeq, replay);
      replay.flush();
      if (replay.records() > 0) {
        LOG.warn("the last stop left {} acknowledged records unapplied (a crash, a kill, a full disk or a stop that"
            + " timed out): applied them from the journal in {}, none lost", replay.records(), dir);
      }
      journal.start(last + 1, last);
      WriteAhead writeAhead = new WriteAhead(journal, target, settings, last, observer);
      writeAhead.applier.start();
      writeAhead.writer.start();
      return writeAhead;
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /**
   * Journals the batch and returns once it is on disk, in one sync with the appends waiting with it;
   * it is applied later. Its records are numbered from the seq after the last journaled.
   *
   * @throws StoreException when the batch could not be journaled (nothing of it will be applied)
   */
  public void append(RecordBatch batch) {
    int records = batch.size();
    if (records == 0) {
      return;
    }
    byte[] payload = BatchCodec.encode(batch); // on the caller's thread, in parallel with the others
    backlog.reserve(records, payload.length);
    try {
      writer.write(batch, payload);
    } catch (RuntimeException e) {
      backlog.release(records, payload.length);
      throw e;
    }
  }

  /** The seq the next appended record gets. */
  public long nextSeq() {
    return writer.lastSeq() + 1;
  }

  /**
   * Returns once every record appended before the call is applied, so that a read sees what was
   * acknowledged.
   *
   * @throws StoreException when they are still not applied after the wait timeout, or after a second
   *     while the applier's attempts fail (a full disk): the reader is answered, not held
   */
  public void awaitApplied() {
    long seq = writer.lastSeq();
    if (backlog.appliedSeq() >= seq) {
      return;
    }
    applier.reading(true); // a reader waits: apply now, without the apply delay
    try {
      backlog.awaitApplied(seq, applier::isHealthy);
    } finally {
      applier.reading(false);
    }
  }

  /**
   * Tells the journal that the database deleted records (an erasure, a retention prune) received
   * before {@code instant}: segments that may hold them are closed, and deleted once applied.
   */
  public void removedBefore(Instant instant) {
    journal.rollIfStartedBefore(instant);
    journal.deleteAppliedThrough(backlog.appliedSeq());
  }

  /** Records acknowledged and not yet applied. */
  public long backlog() {
    return backlog.records();
  }

  /** Appends waiting for the journal writer (the metric "queue depth"). */
  public int waitingAppends() {
    return writer.waiting();
  }

  /** Whether appends and applies are succeeding. */
  public boolean isHealthy() {
    return applier.isHealthy() && writer.isAlive() && !journal.isBroken();
  }

  /**
   * Journals what is queued, applies what is pending (waiting at most the wait timeout), stops both
   * threads and closes the journal, deleting its segments when everything is applied. Idempotent.
   */
  @Override
  public void close() {
    backlog.close();
    writer.close(settings.waitTimeout().toMillis());
    if (!applier.close(settings.waitTimeout())) {
      LOG.warn("closing with {} records not yet applied; they are replayed from the journal at the next start",
          backlog());
    }
    journal.close();
  }
}
