package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.Claims;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * {@link Claims} in the embedded store's file ({@code claims}, migration V7; values in
 * {@code claimed_values}, V8): one process owns the file,
 * and its claims outlive its restarts, so an alert posted before a restart or an upgrade is not posted
 * again after it. Claimed on the writer connection, between applies.
 */
final class DuckDbClaims implements Claims {

  private final WriteTransactions writes;

  DuckDbClaims(WriteTransactions writes) {
    this.writes = writes;
  }

  @Override
  public boolean claim(String key) {
    return writes.run("claiming " + key, writer -> {
      try (PreparedStatement insert = writer.prepareStatement("INSERT INTO claims (claim_key, claimed_at)"
          + " VALUES (?, current_timestamp::TIMESTAMP) ON CONFLICT DO NOTHING")) {
        insert.setString(1, key);
        return insert.executeUpdate() == 1;
      }
    });
  }

  @Override
  public String claimValue(String key, String value) {
    return writes.run("claiming " + key, writer -> {
      try (PreparedStatement select =
              writer.prepareStatement("SELECT claim_value FROM claimed_values WHERE claim_key = ?");
          PreparedStatement insert = writer.prepareStatement("INSERT INTO claimed_values (claim_key, claim_value,"
              + " claimed_at) VALUES (?, ?, current_timestamp::TIMESTAMP)")) {
        select.setString(1, key);
        try (ResultSet row = select.executeQuery()) {
          if (row.next()) {
            return row.getString(1); // claimed before: nothing to write (one process owns the file)
          }
        }
        insert.setString(1, key);
        insert.setString(2, value);
        insert.executeUpdate();
        return value;
      }
    });
  }
}
