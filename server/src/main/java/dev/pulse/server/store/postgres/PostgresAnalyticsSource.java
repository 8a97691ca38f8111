package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.sql.Dialect;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The analytics port over the PostgreSQL store: its rollups, or a raw scan to compare them with.
 * Several servers on one database may refresh the rollups concurrently ({@link SnapshotWatermark}).
 */
public final class PostgresAnalyticsSource {

  // The PostgreSQL store keeps records nowhere but its tables: a raw prune needs no follow-up.
  private static final Consumer<Instant> NOTHING_ELSE = cutoff -> {};

  private PostgresAnalyticsSource() {}

  /** Answers from the rollups, which {@code refresh} keeps up to date. */
  public static SqlAnalyticsSource rollups(PostgresEventStore store) {
    return SqlAnalyticsSource.rollups(connections(store), Dialect.POSTGRESQL, new SnapshotWatermark(), NOTHING_ELSE);
  }

  /** Answers by scanning the raw tables (slow; for comparison and tests). */
  public static SqlAnalyticsSource rawScan(PostgresEventStore store) {
    return SqlAnalyticsSource.rawScan(connections(store), Dialect.POSTGRESQL, new SnapshotWatermark(), NOTHING_ELSE);
  }

  private static Supplier<Connection> connections(PostgresEventStore store) {
    return () -> {
      try {
        return store.dataSource().getConnection();
      } catch (SQLException e) {
        throw new StoreException("no connection to " + store + ": " + e.getMessage(), e);
      }
    };
  }
}
