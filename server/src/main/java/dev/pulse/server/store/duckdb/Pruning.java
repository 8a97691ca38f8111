package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.sql.EpochMicros;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Deletes old records of one kind, at most a chunk at a time, in the caller's transaction; only those
 * the rollups already hold ({@link SeqWatermark}), so that pruning never loses what they say.
 */
final class Pruning {

  private Pruning() {}

  static long prune(Connection connection, RecordKind kind, Instant cutoff, int maxRecords)
      throws SQLException {
    // make_timestamp(micros) compares in UTC without the JDBC driver's time-zone conversions.
    String folded;
    try (Statement statement = connection.createStatement()) {
      folded = new SeqWatermark().folded(statement);
    }
    String sql =
        "DELETE FROM " + kind.table() + " WHERE seq IN (SELECT seq FROM " + kind.table()
            + " WHERE received_at < make_timestamp(?) AND " + folded + " LIMIT ?)";
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setLong(1, EpochMicros.of(cutoff));
      delete.setInt(2, maxRecords);
      return delete.executeUpdate();
    }
  }
}
