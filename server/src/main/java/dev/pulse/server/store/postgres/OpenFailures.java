package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoreSettingsException;
import dev.pulse.server.store.StoreUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why a PostgreSQL store could not be opened, in words that say what to change: a database that does
 * not exist, a role or password refused, no password given, a role short of the rights the store needs
 * ({@link Schema}'s words), nothing listening, no answer, an unknown host. The first four are {@link
 * StoreSettingsException}s, which retrying cannot mend. A database that
 * does not answer (refused, no answer in time, a host not yet in DNS) or turns the login away for a
 * while (starting up or shutting down, every connection taken) is a {@link StoreUnavailableException}:
 * a later start may succeed. Anything else keeps PostgreSQL's own message, without its {@code FATAL:}
 * and HikariCP's prefix.
 */
final class OpenFailures {

  private static final String CREDENTIALS = "postgresql://host/database?user=..&password=..";

  private OpenFailures() {}

  /** The store's exception for {@code failure} while opening {@code location}. */
  static StoreException of(StoreLocation.Postgres location, RuntimeException failure) {
    String prefix = "cannot open the store, " + location + ": ";
    if (failure instanceof StoreSettingsException rights) { // a role short of rights, in the schema's words
      return new StoreSettingsException(prefix + rights.getMessage(), failure);
    }
    SQLException sql = Causes.first(failure, SQLException.class);
    String state = sql == null ? "" : String.valueOf(sql.getSQLState());
    String mistake = settingsMistake(state, sql, location);
    if (mistake != null) {
      return new StoreSettingsException(prefix + mistake, failure);
    }
    String passing = mayPass(state, sql, failure);
    return passing != null ? new StoreUnavailableException(prefix + passing, failure, false)
        : new StoreException(prefix + serverWords(failure).replaceFirst("^Failed to initialize pool: ", ""), failure);
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

  /**
   * A failure a later attempt may not meet (PostgreSQL not started yet, a name not yet in DNS, every
   * connection taken), in words; null when it is none.
   */
  private static String mayPass(String state, SQLException sql, RuntimeException failure) {
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
    return switch (state) {
      // cannot_connect_now (starting up, shutting down, in recovery), admin or crash shutdown
      case "57P01", "57P02", "57P03" -> "PostgreSQL does not take connections now (" + serverWords(sql)
          + "): try again once it does";
      case "53300" -> "PostgreSQL has no connection to spare (" + serverWords(sql) + "): try again once"
          + " others have closed, or raise its max_connections or the role's CONNECTION LIMIT";
      // unable to connect (no route, network down), the connection failed while logging in
      case "08001", "08006" -> "PostgreSQL could not be reached (" + serverWords(sql) + "): check that it runs"
          + " and that the host of the store URL is reachable from here";
      default -> null;
    };
  }

  /** PostgreSQL's message without the severity it starts with ({@code FATAL: }). */
  private static String serverWords(Throwable failure) {
    return ConnectionFailures.withoutSeverity(failure.getMessage());
  }
}
