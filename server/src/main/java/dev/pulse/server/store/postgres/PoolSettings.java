package dev.pulse.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The connection pool's settings. The timeouts bound what an outage costs a request: while the
 * database is down, a request waits at most {@link #CONNECTION_TIMEOUT} for a connection before the
 * store reports it unreachable (and the group commit's breaker then refuses the others at once).
 */
final class PoolSettings {

  /** How long a caller waits for a pooled connection (HikariCP {@code connectionTimeout}). */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /** How long checking a pooled connection may take (HikariCP {@code validationTimeout}). */
  static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(500);

  /**
   * How long an append waits for any one answer of the database (the socket read timeout of the
   * append's connection): a hung server fails the commit instead of holding it forever. Generous,
   * because a timeout on a healthy but slow server turns a commit into an error.
   */
  static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  /** How long the writability probe waits for its query. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  /** TCP connect timeout of a new connection in seconds (the driver's {@code connectTimeout}). */
  private static final String CONNECT_TIMEOUT_SECONDS = "2";

  private PoolSettings() {}

  /**
   * Bounds how long the connection waits for any one answer of the server (its socket read timeout)
   * until it goes back to the pool, which then restores the default (none).
   */
  static void limitWaits(Connection connection, Duration timeout) throws SQLException {
    connection.setNetworkTimeout(Runnable::run, (int) timeout.toMillis());
  }

  static HikariConfig of(StoreLocation.Postgres location, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("pulse-store");
    StartupOptions startup = StartupOptions.of(location.jdbcUrl());
    config.setJdbcUrl(startup.jdbcUrl());
    if (!location.user().isEmpty()) {
      config.setUsername(location.user());
    }
    if (!location.password().isEmpty()) {
      config.setPassword(location.password());
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(2);
    config.setAutoCommit(false);
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    // A default: the URL's own connectTimeout= wins over a data source property.
    config.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    // The acknowledgement promises durability: refuse a server default of synchronous_commit=off.
    // Set in the startup packet (it overrides database and role defaults), not by an init statement,
    // which would leave every pooled connection idle in a transaction. A URL's own options= would
    // replace it, so the URL's are sent first and ours last, which wins. (The session's time zone is
    // the driver's, the JVM's; the SQL does not depend on it: days are taken AT TIME ZONE 'UTC' and
    // timestamp literals carry their offset.)
    config.addDataSourceProperty("options", startup.with("-c synchronous_commit=on"));
    return config;
  }

  /** Whether the database answers as a primary within the probe timeout (readiness); never throws. */
  static boolean answersAsPrimary(DataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      limitWaits(connection, PROBE_TIMEOUT);
      try (ResultSet rows = statement.executeQuery("SELECT NOT pg_is_in_recovery()")) {
        return rows.next() && rows.getBoolean(1);
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
