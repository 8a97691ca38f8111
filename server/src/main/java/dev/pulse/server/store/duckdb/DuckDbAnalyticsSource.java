package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.sql.Dialect;
import dev.pulse.server.store.sql.SqlAnalyticsSource;

/** The analytics port over the DuckDB store: its rollups, or a raw scan to compare them with. */
public final class DuckDbAnalyticsSource {

  private DuckDbAnalyticsSource() {}

  /** Answers from the store's rollups, which {@code refresh} keeps up to date. */
  public static SqlAnalyticsSource rollups(DuckDbEventStore store) {
    return store.rollups();
  }

  /** Answers by scanning the raw tables (slow; for comparison and tests). */
  public static SqlAnalyticsSource rawScan(DuckDbEventStore store) {
    return SqlAnalyticsSource.rawScan(store::newConnection, Dialect.DUCKDB, new SeqWatermark());
  }
}
