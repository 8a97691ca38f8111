package dev.pulse.server.store.postgres;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.RetentionPeers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link RetentionPeers} in the database every server shares ({@code retention_peers}, migration V17):
 * each server's row, said again at every retention run; rows older than {@link #STANDING} are dropped.
 */
final class PostgresRetentionPeers implements RetentionPeers {

  private static final String SAY = "INSERT INTO retention_peers (server_id, events_days, cli_days, errors_days)"
      + " VALUES (?, ?, ?, ?) ON CONFLICT (server_id) DO UPDATE SET events_days = excluded.events_days,"
      + " cli_days = excluded.cli_days, errors_days = excluded.errors_days, said_at = now()";
  private static final String FORGET_STALE =
      "DELETE FROM retention_peers WHERE said_at < now() - make_interval(secs => ?)";
  private static final String LONGEST =
      "SELECT max(events_days), max(cli_days), max(errors_days) FROM retention_peers";

  private final DataSource pool;

  PostgresRetentionPeers(DataSource pool) {
    this.pool = pool;
  }

  @Override
  public Map<RecordKind, Integer> longest(String server, Map<RecordKind, Integer> days) {
    try (Connection connection = pool.getConnection();
        PreparedStatement say = connection.prepareStatement(SAY);
        PreparedStatement forget = connection.prepareStatement(FORGET_STALE);
        PreparedStatement longest = connection.prepareStatement(LONGEST)) {
      say.setString(1, server);
      say.setInt(2, days.get(RecordKind.EVENTS));
      say.setInt(3, days.get(RecordKind.CLI_COMMANDS));
      say.setInt(4, days.get(RecordKind.ERRORS));
      say.executeUpdate();
      forget.setLong(1, STANDING.toSeconds());
      forget.executeUpdate();
      Map<RecordKind, Integer> agreed = new EnumMap<>(RecordKind.class);
      try (ResultSet row = longest.executeQuery()) {
        row.next(); // an aggregate has its row, and this server's own is in it
        agreed.put(RecordKind.EVENTS, row.getInt(1));
        agreed.put(RecordKind.CLI_COMMANDS, row.getInt(2));
        agreed.put(RecordKind.ERRORS, row.getInt(3));
      }
      connection.commit(); // the pool's connections are manual-commit
      return agreed;
    } catch (SQLException e) {
      throw ConnectionFailures.of("reading what the servers sharing the store keep", e, false);
    }
  }

  @Override
  public void leave(String server) {
    try (Connection connection = pool.getConnection();
        PreparedStatement forget = connection.prepareStatement("DELETE FROM retention_peers WHERE server_id = ?")) {
      forget.setString(1, server);
      forget.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      // Its row then counts for a day: records are kept longer, never deleted early.
    }
  }
}
