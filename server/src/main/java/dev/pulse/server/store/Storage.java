package dev.pulse.server.store;

import dev.pulse.server.analytics.AnalyticsSource;
import java.util.Optional;

/**
 * One opened store, whole: its records, the analytics over them and what the server watches of it.
 * Each adapter builds its own ({@code DuckDbStorage.open}, {@code PostgresStorage.open}); only the
 * composition root chooses which, from a {@link StoreLocation}.
 *
 * <p>Implementations are thread-safe. Closing closes the records' store.
 */
public interface Storage extends AutoCloseable {

  /** The records: appends, reads, erasure and the retention's prune. */
  EventStore events();

  /** The analytics over the store's rollups; its {@code refresh} is the rollups' maintenance. */
  AnalyticsSource analytics();

  /** What is done once for all the servers sharing this store (alerts). */
  Claims claims();

  /** What the servers sharing this store keep; {@link RetentionPeers#ALONE} for a store one server owns. */
  default RetentionPeers retentionPeers() {
    return RetentionPeers.ALONE;
  }

  /** The free-space reserve of an embedded store; empty for a database server's. */
  Optional<DiskSpace> disk();

  /** A copy of the store's database file while it serves (embedded store); empty for a database server's. */
  Optional<FileBackup> backup();

  /**
   * Whether any raw table holds a record: one probe of each, whatever their size.
   *
   * @throws StoreException when the store cannot say
   */
  boolean holdsRecords();

  /** Commits what is pending and releases the store. Idempotent. */
  @Override
  void close();
}
