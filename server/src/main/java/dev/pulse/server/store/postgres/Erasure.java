package dev.pulse.server.store.postgres;

import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.sql.ErasableTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One install's records in PostgreSQL, counted or erased, in the caller's transaction: every table
 * of {@code db/postgresql/erasable-tables.list}, raw and rolled up.
 */
final class Erasure {

  private static final ErasableTables ERASABLE =
      ErasableTables.load("/db/postgresql/erasable-tables.list");

  private Erasure() {}

  /** What erasing the install of {@code contextKey} would delete. */
  static ErasureReport count(Connection connection, String contextKey) throws SQLException {
    return ERASABLE.count(connection, contextKey);
  }

  /** Erases the install of {@code contextKey}; the rollups locked first, until the transaction ends. */
  static ErasureReport erase(Connection connection, String contextKey) throws SQLException {
    // Not while a rollup refresh may be recomputing this install from the records being erased.
    try (Statement lock = connection.createStatement()) {
      SnapshotWatermark.lockRollups(lock);
    }
    return ERASABLE.erase(connection, contextKey);
  }
}
