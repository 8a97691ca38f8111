package dev.pulse.server.store.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * A value a backup's store was claimed with ({@link dev.pulse.server.store.Claims#claimValue}), read
 * without changing the file: what a restore checks before it puts the backup in place.
 */
public final class BackupClaims {

  private BackupClaims() {}

  /**
   * The value claimed under {@code key} in {@code backup}; empty when it holds none, or when it cannot
   * be read as a store, which the restore itself then refuses in words.
   */
  public static Optional<String> claimedValue(Path backup, String key) {
    try (Connection connection = openReadOnly(backup);
        PreparedStatement select = connection.prepareStatement(
            "SELECT claim_value FROM claimed_values WHERE claim_key = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty(); // not a DuckDB file, a store from before claimed values, or damaged
    }
  }

  /** A connection to a backup that writes nothing and creates nothing, as a restore reads one. */
  static Connection openReadOnly(Path backup) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
    NativeLibrary.load();
    return DriverManager.getConnection("jdbc:duckdb:" + backup.toAbsolutePath(), readOnly);
  }
}
