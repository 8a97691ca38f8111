package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells an outage (the database cannot be reached) from a failure of the statement itself, and turns
 * either into the store's exception. An outage is a SQLState of class 08 (connection exception:
 * refused, lost, I/O error or timeout on the socket), 57P01..57P03 (the server is shutting down or
 * starting), a login refused (28P01, 28000, 3D000: the store URL no longer fits the database) or
 * HikariCP's {@link SQLTransientConnectionException} (no connection within the pool's timeout), anywhere
 * in the cause chain.
 */
final class ConnectionFailures {

  /** What a reader is told while PostgreSQL refuses the server's login: its operator must act, not it. */
  static final String LOGIN_REFUSED_FOR_CLIENTS = "PostgreSQL refuses this server's login, which waiting will not"
      + " mend: the server's operator must mend its store URL or the database's access (its log says what"
      + " PostgreSQL answered)";

  private ConnectionFailures() {}

  static boolean isOutage(Throwable failure) {
    return Causes.any(failure, t -> t instanceof SQLTransientConnectionException
        || t instanceof SQLException sql && isOutageState(sql.getSQLState()));
  }

  private static boolean isOutageState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            || isLoginRefused(state));
  }

  /**
   * A new connection refused its login: the role's password changed under the running server, the
   * role or its database is gone, or {@code pg_hba.conf} no longer lets it in. Writes wait for it as
   * for an outage.
   */
  private static boolean isLoginRefused(String state) {
    return "28P01".equals(state) || "28000".equals(state) || "3D000".equals(state);
  }

  /**
   * The driver's refusal of a login in {@code failure}'s chain, or null: the pool's timeout carries it as
   * its cause, and the driver's words say what happened.
   */
  private static Throwable loginRefusal(Exception failure) {
    return Causes.deepest(failure, t -> t instanceof SQLException sql && isLoginRefused(sql.getSQLState()));
  }

  /**
   * The store's exception for {@code failure} of {@code what}.
   *
   * @param maybeKept whether the failure came while the commit itself was under way (only relevant
   *     to an outage: a statement error at commit means the transaction was rolled back)
   */
  static StoreException of(String what, Exception failure, boolean maybeKept) {
    return of(what, failure, maybeKept, "PostgreSQL's database"); // a claim, a read: no name at hand
  }

  /** As {@link #of(String, Exception, boolean)}, a full disk naming {@code database} ({@link FullDisk#database}). */
  static StoreException of(String what, Exception failure, boolean maybeKept, String database) {
    if (isOutage(failure)) {
      Throwable refused = loginRefusal(failure);
      return new StoreUnavailableException(what + " failed: " + outage(failure, refused), failure, maybeKept,
          refused != null ? LOGIN_REFUSED_FOR_CLIENTS : null);
    }
    if (FullDisk.is(failure)) {
      return FullDisk.of(what, database, failure);
    }
    return new StoreException(what + " failed: " + failure.getMessage(), failure);
  }

  /**
   * An outage in words, always naming it as one (whatever the moment it struck: no connection to be
   * had, or one lost mid-statement), then the driver's detail; the pool's timeout is told as what it
   * means, not in HikariCP's words. {@code refused}: the driver's refusal of the login in its chain, or null.
   */
  private static String outage(Exception failure, Throwable refused) {
    if (refused != null) {
      return "PostgreSQL refuses this server's login (" + withoutSeverity(refused.getMessage())
          + "): give the store URL"
          + " the role's current password, or a role and database it lets in";
    }
    if (Causes.any(failure, t -> t instanceof SQLTransientConnectionException)) {
      return "PostgreSQL is down or unreachable, or every connection is busy (no database connection came"
          + " within the pool's wait)";
    }
    if (Causes.any(failure, t -> t instanceof ConnectException)) {
      return "PostgreSQL is down or unreachable (connection refused)";
    }
    return "PostgreSQL is down or unreachable (" + failure.getMessage() + ")";
  }

  /** PostgreSQL's words without the severity they start with ({@code FATAL: }), after HikariCP's prefix if any. */
  static String withoutSeverity(String message) {
    return String.valueOf(message).replaceFirst("^(Failed to initialize pool: )?FATAL: ", "$1");
  }
}
