package dev.pulse.server.store;

import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.nio.file.Path;

/** Opens the store that a {@code --store} URL names (see {@link StoreLocation}). */
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
}
