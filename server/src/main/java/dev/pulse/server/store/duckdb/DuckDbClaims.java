package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.Claims;
import java.sql.PreparedStatement;

/**
 * {@link Claims} in the embedded store's file ({@code claims}, migration V7): one process owns the file,
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
}
