package dev.pulse.server.store;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.GroupCommitStore;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the store that a {@code --store} URL names (see {@link StoreLocation}), and its analytics. */
public final class Stores {

  private Stores() {}

  /**
   * Opens the store, migrating its schema, for one caller at a time (PostgreSQL without a group
   * commit in front).
   *
   * @param urlOrNull {@code --store} / {@code PULSE_STORE}, or null for DuckDB in {@code dataDir}
   * @throws IllegalArgumentException when the URL is not a store URL
   * @throws StoreException when the store cannot be opened
   */
  public static EventStore open(String urlOrNull, Path dataDir) {
    return open(urlOrNull, dataDir, DiskReserve.DEFAULT_MIN_FREE_BYTES);
  }

  /**
   * Opens the store, as {@link #open(String, Path)}; an embedded one keeps {@code minFreeDiskBytes}
   * free on its data dir's disk ({@link DiskReserve}).
   */
  public static EventStore open(String urlOrNull, Path dataDir, long minFreeDiskBytes) {
    StoreLocation location = StoreLocation.parse(urlOrNull, dataDir);
    if (location instanceof StoreLocation.DuckDb duckDb) {
      return DuckDbEventStore.open(duckDb.dataDir(), minFreeDiskBytes);
    }
    return open(location);
  }

  /**
   * Opens the store as a server does, for many concurrent appends, each group of which it tells
   * {@code observer} about: DuckDB groups them in its journal, PostgreSQL behind a {@link
   * GroupCommitStore}. An embedded store keeps {@code minFreeDiskBytes} free on its data dir's disk.
   */
  public static EventStore openForServer(
      String urlOrNull, Path dataDir, long minFreeDiskBytes, CommitObserver observer) {
    StoreLocation location = StoreLocation.parse(urlOrNull, dataDir);
    if (location instanceof StoreLocation.DuckDb duckDb) {
      return DuckDbEventStore.open(duckDb.dataDir(), minFreeDiskBytes, observer);
    }
    return new GroupCommitStore(PostgresEventStore.open((StoreLocation.Postgres) location), observer);
  }

  /** Opens the store at a parsed location. */
  public static EventStore open(StoreLocation location) {
    if (location instanceof StoreLocation.Postgres postgres) {
      return PostgresEventStore.open(postgres);
    }
    return DuckDbEventStore.open(((StoreLocation.DuckDb) location).dataDir());
  }

  /** The free-space reserve of the store behind {@code store}; empty for a database server's. */
  public static Optional<DiskReserve> diskReserve(EventStore store) {
    EventStore inner = GroupCommitStore.innermost(store);
    if (inner instanceof DuckDbEventStore duckDb) {
      return Optional.of(duckDb.diskReserve());
    }
    return Optional.empty();
  }

  /**
   * The analytics over the rollups of the store behind {@code store} (which may be wrapped in a {@link
   * GroupCommitStore}); empty for a store without them.
   */
  public static Optional<AnalyticsSource> analytics(EventStore store) {
    EventStore inner = GroupCommitStore.innermost(store);
    if (inner instanceof DuckDbEventStore duckDb) {
      return Optional.of(DuckDbAnalyticsSource.rollups(duckDb));
    }
    if (inner instanceof PostgresEventStore postgres) {
      return Optional.of(PostgresAnalyticsSource.rollups(postgres));
    }
    return Optional.empty();
  }
}
