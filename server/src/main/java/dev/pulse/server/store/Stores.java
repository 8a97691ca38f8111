package dev.pulse.server.store;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the store that a {@code --store} URL names (see {@link StoreLocation}), and its analytics. */
public final class Stores {

  private Stores() {}

  /**
   * Opens the store, migrating its schema. The caller puts a {@link GroupCommitStore} in front.
   *
   * @param urlOrNull {@code --store} / {@code PULSE_STORE}, or null for DuckDB in {@code dataDir}
   * @throws IllegalArgumentException when the URL is not a store URL
   * @throws StoreException when the store cannot be opened
   */
  public static EventStore open(String urlOrNull, Path dataDir) {
    return open(StoreLocation.parse(urlOrNull, dataDir));
  }

  /** Opens the store at a parsed location. */
  public static EventStore open(StoreLocation location) {
    if (location instanceof StoreLocation.Postgres postgres) {
      return PostgresEventStore.open(postgres);
    }
    return DuckDbEventStore.open(((StoreLocation.DuckDb) location).dataDir());
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
