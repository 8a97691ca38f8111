package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoreSettingsException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why a PostgreSQL store could not be opened, in words that say what to change: a database that does
 * not exist, a role or password refused, no password given, nothing listening, no answer, an unknown
 * host. The first three are {@link StoreSettingsException}s, which retrying cannot mend. Anything else
 * keeps PostgreSQL's own message, without its {@code FATAL:} and HikariCP's prefix.
 */
final class OpenFailures {

  private static final String CREDENTIALS = "postgresql://host/database?user=..&password=..";

  private OpenFailures() {}

  /** The store's exception for {@code failure} while opening {@code location}. */
  static StoreException of(StoreLocation.Postgres location, RuntimeException failure) {
    String prefix = "cannot open the store, " + location + ": ";
    SQLException sql = Causes.first(failure, SQLException.class);
    String state = sql == null ? "" : String.valueOf(sql.getSQLState());
    String mistake = settingsMistake(state, sql, location);
    return mistake != null ? new StoreSettingsException(prefix + mistake, failure)
        : new StoreException(prefix + reason(failure), failure);
  }

  /** What in the store URL to change, or null when the failure is not such a mistake. */
  private static String settingsMistake(String state, SQLException sql, StoreLocation.Postgres location) {
    String role = location.user().isEmpty() ? "the role the driver chose (no user= in the store URL)"
        : "the role " + location.user();
    String name = location.databaseName();
    return switch (state) {
      case "3D000" -> "the database " + name + " does not exist: create it (CREATE DATABASE " + name
          + ") or give the store URL one that does";
      case "28P01" -> "PostgreSQL refused the password of " + role + ": give the store URL that role's password ("
          + CREDENTIALS + ")";
      case "28000" -> "PostgreSQL refused the login (" + serverWords(sql) + "): give the store URL a role it lets"
          + " in from this host (" + CREDENTIALS + ")";
      default -> sql != null && String.valueOf(sql.getMessage()).contains("no password was provided")
          ? "PostgreSQL asks a password of " + role + " and the store URL gives none: add it (" + CREDENTIALS + ")"
          : null;
    };
  }

  /** A failure retrying may mend (PostgreSQL not started yet, a name not yet in DNS), in words. */
  private static String reason(RuntimeException failure) {
    UnknownHostException unknown = Causes.first(failure, UnknownHostException.class);
    if (unknown != null) {
      return "the host " + unknown.getMessage() + " is unknown: check the host of the store URL";
    }
    if (Causes.any(failure, ConnectException.class::isInstance)) {
      return "nothing accepts connections there (connection refused): start PostgreSQL, or give the"
          + " store URL the host and port it listens on";
    }
    if (Causes.any(failure, SocketTimeoutException.class::isInstance)) {
      return "no answer in time: check that the host is reachable from here and that PostgreSQL listens"
          + " on the port of the store URL";
    }
    return serverWords(failure).replaceFirst("^Failed to initialize pool: ", "");
  }

  /** PostgreSQL's message without the severity it starts with ({@code FATAL: }). */
  private static String serverWords(Throwable failure) {
    return ConnectionFailures.withoutSeverity(failure.getMessage());
  }
}
