package dev.pulse.server.store.postgres;

import dev.pulse.server.store.sql.Watermark;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * PostgreSQL's watermark, safe with many writers and many servers. A sequence number cannot serve:
 * transactions commit out of {@code seq} order, so a record below a mark can still appear after the
 * mark was taken. Instead each raw row carries the id of the transaction that wrote it ({@code xid},
 * V2 migration), and a refresh folds the rows whose transaction ids lie in [stored mark, xmin), xmin
 * being the oldest transaction still running when the refresh looks: every transaction below it has
 * ended, so no row can ever appear there again, and consecutive ranges neither overlap nor leave gaps.
 *
 * <p>Refreshes take a transaction-scoped advisory lock first, so that one server at a time refreshes
 * and sees the mark its predecessor committed; erasure takes the same lock ({@link #ROLLUP_LOCK}), so
 * that a refresh cannot recompute an install's rollups from records an erasure is deleting.
 *
 * <p>A range found empty stays empty: every transaction below its xmin had ended. So while neither
 * the stored mark nor xmin moves, which is the case whenever no records are written, a later refresh
 * answers "nothing new" without counting the raw tables again (each count plans every day partition
 * of its table: 20 to 60 ms, paid before every dashboard call).
 *
 * <p>Rows written before the V2 migration have no {@code xid}; the first refresh (mark 0) folds them.
 */
final class SnapshotWatermark implements Watermark {

  /** The advisory lock key that serializes rollup refreshes, erasures and prunes in one database. */
  private static final long ROLLUP_LOCK = 0x70756c73_65L;

  private static final String NAME = "watermark_xid";
  private static final String[] RAW_TABLES = {"component_events", "cli_commands", "error_reports"};

  /** The last range [low, high) counted and found empty; none at first. */
  private volatile Checked empty = new Checked(-1, -1);

  private record Checked(long low, long high) {}

  /**
   * Waits for, then holds until the transaction ends, the one lock of a database's rollup refreshes,
   * erasures and retention prunes ({@link #ROLLUP_LOCK}), whichever server runs them.
   */
  static void lockRollups(Statement statement) throws SQLException {
    statement.execute("SELECT pg_advisory_xact_lock(" + ROLLUP_LOCK + ")");
  }

  @Override
  public Optional<Range> begin(Statement statement) throws SQLException {
    lockRollups(statement);
    long low = stored(statement);
    long high;
    try (ResultSet rows = statement.executeQuery(
        "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint)")) {
      rows.next();
      high = rows.getLong(1);
    }
    if (high <= low || empty.equals(new Checked(low, high))) {
      return Optional.empty();
    }
    String predicate = low == 0
        ? "(r.xid IS NULL OR r.xid < " + high + ")"
        : "r.xid >= " + low + " AND r.xid < " + high;
    long fresh = 0;
    for (String table : RAW_TABLES) {
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + " r WHERE " + predicate)) {
        rows.next();
        fresh += rows.getLong(1);
      }
    }
    if (fresh == 0) {
      empty = new Checked(low, high);
      return Optional.empty();
    }
    return Optional.of(new Range(predicate, low == 0, fresh, high));
  }

  @Override
  public void advance(Statement statement, Range range) throws SQLException {
    statement.executeUpdate("UPDATE rollup_state SET value = " + range.mark() + " WHERE name = '" + NAME + "'");
  }

  @Override
  public String folded(Statement statement) throws SQLException {
    long mark = stored(statement);
    return mark == 0 ? "FALSE" : "(xid IS NULL OR xid < " + mark + ")";
  }

  private static long stored(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT value FROM rollup_state WHERE name = '" + NAME + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
