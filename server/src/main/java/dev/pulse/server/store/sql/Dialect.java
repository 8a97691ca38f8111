package dev.pulse.server.store.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The few places where DuckDB and PostgreSQL spell the rollup and analysis SQL differently. Everything
 * else in this package is plain SQL both accept.
 */
public enum Dialect {

  /** DuckDB: receive times are naive {@code TIMESTAMP}s holding UTC. */
  DUCKDB {
    @Override
    String argMax(String value, String... orderBy) {
      String key = orderBy.length == 1 ? orderBy[0] : "(" + String.join(", ", orderBy) + ")";
      return "arg_max(" + value + ", " + key + ")";
    }

    @Override
    String day(String timestamp) {
      return "CAST(" + timestamp + " AS DATE)";
    }

    @Override
    String timestamp(Instant instant) {
      return "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
    }

    @Override
    String quantile(String value, double fraction) {
      return "quantile_cont(" + value + ", " + fraction + ")";
    }

    @Override
    String epochMicros(String timestamp) {
      return "epoch_us(" + timestamp + ")";
    }

    @Override
    String analyze(String table) {
      return null;
    }

    @Override
    String vacuum(String table) {
      return null;
    }

    // DuckDB's thread count is per database, not per connection: queries running meanwhile get one
    // thread too, for the few seconds a refresh takes.
    @Override
    Optional<Background> background() {
      return Optional.of(new Background("SET threads = 1", "RESET threads"));
    }

    // Columnar and vectorized, DuckDB sums the rollups per day faster than it would maintain more tables.
    @Override
    boolean keepsDayAggregates() {
      return false;
    }
  },

  /** PostgreSQL: receive times are {@code timestamptz}; days are taken in UTC whatever the session's zone. */
  POSTGRESQL {
    @Override
    String argMax(String value, String... orderBy) {
      return "(array_agg(" + value + " ORDER BY " + String.join(" DESC, ", orderBy) + " DESC))[1]";
    }

    @Override
    String day(String timestamp) {
      return "CAST(" + timestamp + " AT TIME ZONE 'UTC' AS DATE)";
    }

    @Override
    String timestamp(Instant instant) {
      return "TIMESTAMPTZ '" + instant + "'";
    }

    @Override
    String quantile(String value, double fraction) {
      return "percentile_cont(" + fraction + ") WITHIN GROUP (ORDER BY " + value + ")";
    }

    @Override
    String epochMicros(String timestamp) {
      return "CAST(round(extract(epoch FROM " + timestamp + ") * 1000000) AS BIGINT)";
    }

    @Override
    String analyze(String table) {
      // A temp table has no statistics until analyzed; without them the planner guesses its size.
      return "ANALYZE " + table;
    }

    @Override
    String vacuum(String table) {
      // Statistics, and the visibility map an index-only scan needs (Features' levels, V10).
      return "VACUUM (ANALYZE) " + table;
    }

    // The database usually has cores of its own; a refresh is one backend there anyway, unless the
    // planner adds parallel workers for a large scan, which is fine.
    @Override
    Optional<Background> background() {
      return Optional.empty();
    }

    // Migration V4's tables and triggers.
    @Override
    boolean keepsDayAggregates() {
      return true;
    }
  };

  /** The value of the row that is last by {@code orderBy} (ties are the caller's to break). */
  abstract String argMax(String value, String... orderBy);

  /** The UTC calendar day of a receive time. */
  abstract String day(String timestamp);

  /** An instant as a literal comparable with receive times. */
  abstract String timestamp(Instant instant);

  /** The continuous quantile (interpolated) of {@code value} over the group. */
  abstract String quantile(String value, double fraction);

  /** Microseconds since the epoch of a receive time, as a BIGINT. */
  abstract String epochMicros(String timestamp);

  /**
   * The statement that refreshes the statistics of a table filled in this transaction (a new temp
   * table, a first build's rollups), or null when none is needed.
   */
  abstract String analyze(String table);

  /** The statement that vacuums a table filled at once, outside any transaction; null when not needed. */
  abstract String vacuum(String table);

  /**
   * The statements that make a rollup refresh on a background thread background work, leaving the
   * other cores to ingestion, and that end it; empty when none are needed. On a 2-core machine a
   * refresh that takes both cores for seconds stalls acknowledgements for as long
   * (docs/performance.md). Run one after the other on a request's thread, they also relaunch the
   * database's worker threads at that thread's priority ({@link RollupRefresh}).
   */
  abstract Optional<Background> background();

  /** Whether the store keeps the per-day aggregate tables ({@link DayAggregates}) with its rollups. */
  abstract boolean keepsDayAggregates();

  /** A statement run on a connection before a refresh, and one that undoes it after. */
  record Background(String begin, String end) {}
}
