package dev.pulse.server.store.postgres;

import dev.pulse.server.store.RecordKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Deletes old records of one kind, at most a chunk at a time, in the caller's transaction; only those
 * the rollups already hold ({@link SnapshotWatermark}), so that pruning never loses what they say.
 */
final class RawPruning {

  private RawPruning() {}

  static long prune(Connection connection, RecordKind kind, Instant cutoff, int maxRecords)
      throws SQLException {
    String folded;
    try (Statement statement = connection.createStatement()) {
      folded = new SnapshotWatermark().folded(statement);
    }
    // ctid names a row version: deleting a LIMITed set of them is PostgreSQL's bounded DELETE.
    String sql =
        "DELETE FROM " + kind.table() + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + kind.table()
            + " WHERE received_at < ? AND " + folded + " LIMIT ?))";
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
      delete.setInt(2, maxRecords);
      return delete.executeUpdate();
    }
  }
}
