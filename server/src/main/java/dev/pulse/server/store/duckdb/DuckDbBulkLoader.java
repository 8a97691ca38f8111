package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.LoadPipeline;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.sql.StoredRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The DuckDB store's bulk path: each batch goes through the DuckDB appenders in one transaction on
 * the writer connection, as the journal's applier writes, but without the journal (no encoding, no
 * {@code fdatasync} per group, no second copy on disk), on a {@link LoadPipeline} thread while the
 * caller prepares the next batch. DuckDB's own write-ahead log makes each committed batch durable;
 * an interrupted load keeps the batches committed before it.
 *
 * <p>Opening the store replays its journal, so the database holds every acknowledged record and its
 * highest {@code seq}; the loader numbers its records on from there and records the last one as
 * applied with each batch, so the journal of the next open starts after them. The loader owns the
 * store it opened, which nothing else appends to meanwhile.
 */
public final class DuckDbBulkLoader implements BulkLoader {

  /**
   * Above DuckDB's row group (122,880 rows), so that a transaction writes its rows to the database
   * file compressed, once, instead of to DuckDB's WAL first and again at the checkpoint.
   */
  private static final int BATCH_SIZE = 250_000;

  private final DuckDbEventStore store;
  private final LoadPipeline pipeline = new LoadPipeline("pulse-bulk-append", 1, DuckDbBulkLoader::failed);
  private long nextSeq;

  private DuckDbBulkLoader(DuckDbEventStore store, long nextSeq) {
    this.store = store;
    this.nextSeq = nextSeq;
  }

  @Override
  public Claims claims() {
    return new DuckDbClaims(store.writes());
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir} for loading, keeping the server's
   * default free space on its disk.
   *
   * @throws StoreException when the store cannot be opened
   */
  public static DuckDbBulkLoader open(Path dataDir) {
    return open(dataDir, DiskSpace.DEFAULT_MIN_FREE_BYTES);
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir} for loading; a batch is refused while the
   * disk has less than {@code minFreeDiskBytes} free (0: no reserve), so a load stops between batches
   * rather than on a full disk.
   *
   * @throws StoreException when the store cannot be opened, or the reserve is not smaller than the
   *     disk ({@link DiskReserve#requireSmallerThanDisk})
   */
  public static DuckDbBulkLoader open(Path dataDir, long minFreeDiskBytes) {
    DiskReserve.requireSmallerThanDisk(dataDir, minFreeDiskBytes);
    DuckDbEventStore store = DuckDbEventStore.open(dataDir, minFreeDiskBytes);
    try {
      long applied = store.writes().run("reading the applied seq", WriteTransactions::appliedSeq);
      return new DuckDbBulkLoader(store, applied + 1);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public int batchSize() {
    return BATCH_SIZE;
  }

  @Override
  public void load(RecordBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    store.diskReserve().check("the load stopped before this batch");
    long first = nextSeq;
    long last = first + batch.size() - 1;
    pipeline.submit(String.format(Locale.ROOT, "commit of %,d records", batch.size()), batch.size(),
        () -> store.writes().apply(batch, first, last));
    nextSeq = last + 1;
  }

  @Override
  public void flush() {
    pipeline.await();
  }

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    pipeline.await();
    store.forEachReceivedBetween(kind, from, to, sink);
  }

  @Override
  public boolean holdsRecords() {
    pipeline.await();
    try (Connection connection = store.newConnection()) {
      return StoredRecords.any(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to the DuckDB store: " + e.getMessage(), e);
    }
  }

  @Override
  public long halt(long waitSeconds) {
    return pipeline.halt(waitSeconds);
  }

  @Override
  public long refreshRollups() {
    pipeline.await();
    return DuckDbAnalyticsSource.rollups(store).refresh(); // a full disk is named so (DiskFullException)
  }

  /**
   * Waits for the batch in flight, folds DuckDB's write-ahead log into the database file, then closes
   * the store. Idempotent.
   *
   * @throws StoreException when the fold failed (a full disk): the committed batches stay in the log,
   *     which the next open of the store applies
   */
  @Override
  public void close() {
    pipeline.close(() -> {
      try {
        store.writes().checkpoint();
      } finally {
        store.close();
      }
    });
  }

  @Override
  public String toString() {
    return "DuckDB in " + store.file().getParent();
  }

  private static StoreException failed(String what, Exception e) {
    return e instanceof StoreException storeException
        ? storeException
        : new StoreException(what + " failed: " + e.getMessage(), e);
  }
}
