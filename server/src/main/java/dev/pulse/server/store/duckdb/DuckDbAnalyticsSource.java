package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.GroupCommitStore;
import dev.pulse.server.store.sql.Dialect;
import dev.pulse.server.store.sql.SqlAnalyticsSource;

/** The analytics port over the DuckDB store: its rollups, or a raw scan to compare them with. */
public final class DuckDbAnalyticsSource {

  private DuckDbAnalyticsSource() {}

  /** Answers from the rollups, which {@code refresh} keeps up to date. */
  public static SqlAnalyticsSource rollups(DuckDbEventStore store) {
    return SqlAnalyticsSource.rollups(store::newConnection, Dialect.DUCKDB, new SeqWatermark());
  }

  /** Answers by scanning the raw tables (slow; for comparison and tests). */
  public static SqlAnalyticsSource rawScan(DuckDbEventStore store) {
    return SqlAnalyticsSource.rawScan(store::newConnection, Dialect.DUCKDB, new SeqWatermark());
  }

  /** Whether a DuckDB store is behind {@code store}, which may be wrapped in a {@link GroupCommitStore}. */
  public static boolean supports(EventStore store) {
    return GroupCommitStore.innermost(store) instanceof DuckDbEventStore;
  }

  /**
   * Answers from the rollups of the DuckDB store behind {@code store}.
   *
   * @throws IllegalArgumentException when no DuckDB store is behind it
   */
  public static SqlAnalyticsSource forStore(EventStore store) {
    if (GroupCommitStore.innermost(store) instanceof DuckDbEventStore duckDb) {
      return rollups(duckDb);
    }
    throw new IllegalArgumentException("the DuckDB analytics need the DuckDB store, not " + store);
  }
}
