package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The DuckDB store's bulk path: each batch goes through the DuckDB appenders in one transaction on
 * the writer connection, as the journal's applier writes, but without the journal (no encoding, no
 * {@code fdatasync} per group, no second copy on disk). DuckDB's own write-ahead log makes each
 * committed batch durable; an interrupted load keeps the batches committed before it.
 *
 * <p>Opening the store replays its journal, so the database holds every acknowledged record and its
 * highest {@code seq}; the loader numbers its records on from there and records the last one as
 * applied with each batch, so the journal of the next open starts after them. The loader owns the
 * store it opened, which nothing else appends to meanwhile.
 */
public final class DuckDbBulkLoader implements BulkLoader {

  private final DuckDbEventStore store;
  private long nextSeq;

  private DuckDbBulkLoader(DuckDbEventStore store, long nextSeq) {
    this.store = store;
    this.nextSeq = nextSeq;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir} for loading, keeping the server's
   * default free space on its disk.
   *
   * @throws dev.pulse.server.store.StoreException when the store cannot be opened
   */
  public static DuckDbBulkLoader open(Path dataDir) {
    DuckDbEventStore store = DuckDbEventStore.open(dataDir);
    try {
      long applied = store.writes().run("reading the applied seq", WriteTransactions::appliedSeq);
      return new DuckDbBulkLoader(store, applied + 1);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The store loaded into; for reads only while the loader is open. */
  public DuckDbEventStore store() {
    return store;
  }

  @Override
  public void load(RecordBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    store.diskReserve().check();
    long last = nextSeq + batch.size() - 1;
    store.writes().apply(batch, nextSeq, last);
    nextSeq = last + 1;
  }

  @Override
  public void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    store.forEachReceivedBetween(kind, from, to, sink);
  }

  @Override
  public long refreshRollups() {
    return DuckDbAnalyticsSource.rollups(store).refresh();
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "DuckDB in " + store.file().getParent();
  }
}
