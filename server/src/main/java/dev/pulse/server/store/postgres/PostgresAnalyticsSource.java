package dev.pulse.server.store.postgres;

import dev.pulse.server.store.sql.Dialect;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The analytics port over the PostgreSQL store: its rollups, or a raw scan to compare them with.
 * Several servers on one database may refresh the rollups concurrently ({@link SnapshotWatermark}).
 */
public final class PostgresAnalyticsSource {

  private PostgresAnalyticsSource() {}

  /** Answers from the store's rollups, which {@code refresh} keeps up to date. */
  public static SqlAnalyticsSource rollups(PostgresEventStore store) {
    return store.rollups();
  }

  /** Answers by scanning the raw tables (slow; for comparison and tests). */
  public static SqlAnalyticsSource rawScan(PostgresEventStore store) {
    return SqlAnalyticsSource.rawScan(
        connections(store.dataSource(), store.toString()), Dialect.POSTGRESQL, new SnapshotWatermark());
  }

  /**
   * The rollups over a store's pool; the store makes one and keeps it. A refresh or query that fails
   * on a full disk names {@code database} ({@link FullDisk#database}) in our words.
   */
  static SqlAnalyticsSource rollupsOver(DataSource pool, String store, String database) {
    return SqlAnalyticsSource.rollups(connections(pool, store), Dialect.POSTGRESQL, new SnapshotWatermark(),
        (what, e) -> FullDisk.orAsSaid(what, database, e));
  }

  private static Supplier<Connection> connections(DataSource pool, String store) {
    return () -> {
      try {
        return pool.getConnection();
      } catch (SQLException e) {
        throw ConnectionFailures.of("connecting to " + store, e, false); // an outage, or a login refused, in words
      }
    };
  }
}
