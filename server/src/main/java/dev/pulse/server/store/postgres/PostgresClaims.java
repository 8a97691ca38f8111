package dev.pulse.server.store.postgres;

import dev.pulse.server.store.Claims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@link Claims} in the database every server shares: the server whose {@code INSERT} adds the key to
 * {@code claims} (migration V15) has it; the primary key refuses everyone after. Values likewise, in
 * {@code claimed_values} (V16).
 */
final class PostgresClaims implements Claims {

  private final DataSource pool;

  PostgresClaims(DataSource pool) {
    this.pool = pool;
  }

  @Override
  public boolean claim(String key) {
    try (Connection connection = pool.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO claims (claim_key) VALUES (?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, key);
      boolean claimed = insert.executeUpdate() == 1;
      connection.commit(); // the pool's connections are manual-commit
      return claimed;
    } catch (SQLException e) {
      throw ConnectionFailures.of("claiming " + key, e, false);
    }
  }

  @Override
  public String claimValue(String key, String value) {
    try (Connection connection = pool.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT claim_value FROM claimed_values WHERE claim_key = ?");
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO claimed_values (claim_key, claim_value) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      select.setString(1, key);
      String claimed = firstValue(select);
      if (claimed == null) { // not claimed yet: claim it, then read whoever won a race for it
        insert.setString(1, key);
        insert.setString(2, value);
        insert.executeUpdate();
        connection.commit();
        claimed = firstValue(select);
      }
      connection.commit(); // the pool's connections are manual-commit
      return claimed;
    } catch (SQLException e) {
      throw ConnectionFailures.of("claiming " + key, e, false);
    }
  }

  private static String firstValue(PreparedStatement select) throws SQLException {
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? row.getString(1) : null;
    }
  }
}
