package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.sql.Watermark;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * DuckDB's watermark: the highest {@code seq} folded in, kept in {@code rollup_state}. One process
 * writes a DuckDB file, in {@code seq} order, so every record above the mark is new and every record
 * at or below it is folded.
 */
final class SeqWatermark implements Watermark {

  private static final String NAME = "watermark_seq";
  private static final String[] RAW_TABLES = {"component_events", "cli_commands", "error_reports"};

  @Override
  public Optional<Range> begin(Statement statement) throws SQLException {
    long low = stored(statement);
    long high = low;
    long fresh = 0;
    for (String table : RAW_TABLES) {
      try (ResultSet rows = statement.executeQuery(
          "SELECT coalesce(max(seq), 0), count(*) FROM " + table + " WHERE seq > " + low)) {
        rows.next();
        high = Math.max(high, rows.getLong(1));
        fresh += rows.getLong(2);
      }
    }
    if (fresh == 0) {
      return Optional.empty();
    }
    return Optional.of(new Range("r.seq > " + low + " AND r.seq <= " + high, low == 0, fresh, high));
  }

  @Override
  public void advance(Statement statement, Range range) throws SQLException {
    statement.executeUpdate("UPDATE rollup_state SET value = " + range.mark() + " WHERE name = '" + NAME + "'");
  }

  @Override
  public String folded(Statement statement) throws SQLException {
    return "seq <= " + stored(statement);
  }

  private static long stored(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT value FROM rollup_state WHERE name = '" + NAME + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
