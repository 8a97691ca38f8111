package dev.pulse.server.store.postgres;

import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.SQLException;

/**
 * Tells PostgreSQL's full disk from its other failures: SQLState 53100 ({@code disk_full}, class 53
 * "insufficient resources") anywhere in the cause chain, or, failing that, the operating system's "No
 * space left on device" in a message; and names it in our words ({@link DiskFullException}), by the
 * database, not by the file inside PostgreSQL's data dir that could not grow.
 */
final class FullDisk {

  /** PostgreSQL's SQLState of a full disk. */
  static final String DISK_FULL = "53100";

  private FullDisk() {}

  /** Whether {@code failure}, a cause of it, or an exception one chains is a full disk of the database. */
  static boolean is(Throwable failure) {
    return Causes.any(failure, t -> t instanceof SQLException sql && hasDiskFullState(sql))
        || DiskFullException.isDiskFull(failure);
  }

  private static boolean hasDiskFullState(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if (DISK_FULL.equals(next.getSQLState())) {
        return true;
      }
      if (next.getNextException() == next) {
        break;
      }
    }
    return false;
  }

  /** {@code failure} of {@code what} told as the database's full disk. */
  static DiskFullException of(String what, String database, Throwable failure) {
    return DiskFullException.ofDatabase(what, database, failure);
  }

  /**
   * {@code failure} of {@code what} told as the database's full disk if it is one (and not an outage),
   * else "{@code what} failed: " and the database's own words.
   */
  static StoreException orAsSaid(String what, String database, Exception failure) {
    return is(failure) && !ConnectionFailures.isOutage(failure) ? of(what, database, failure)
        : new StoreException(what + " failed: " + failure.getMessage(), failure);
  }

  /**
   * The database of {@code location} in words, as "PostgreSQL's database pulse on db:5432": its name
   * and host from the JDBC URL, without the URL's parameters.
   */
  static String database(StoreLocation.Postgres location) {
    String name = location.databaseName();
    return "PostgreSQL's database " + (name.isEmpty() ? "" : name + " ") + "on " + location.host();
  }
}
