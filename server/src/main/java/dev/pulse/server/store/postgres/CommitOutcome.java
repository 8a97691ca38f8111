package dev.pulse.server.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of a transaction whose connection was lost while its COMMIT was under way: the server
 * may have committed it before the connection broke, or not. PostgreSQL remembers each transaction's
 * fate, so the transaction notes its id first ({@link #idOf}) and, after the loss, {@link #of} asks on
 * another connection ({@code txid_status}, PostgreSQL 10 and later).
 */
enum CommitOutcome {
  COMMITTED,
  ABORTED,
  /** The database could not be asked, or the transaction is still in progress there. */
  UNKNOWN;

  /** The id of the connection's current transaction, assigning one if it has none yet. */
  private static final Logger LOG = LoggerFactory.getLogger(CommitOutcome.class);

  static long idOf(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT txid_current()")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Asks the database what became of transaction {@code transactionId}; never throws. */
  static CommitOutcome of(DataSource pool, long transactionId) {
    try (Connection connection = pool.getConnection();
        PreparedStatement status = connection.prepareStatement("SELECT txid_status(?)")) {
      PoolSettings.limitWaits(connection, PoolSettings.PROBE_TIMEOUT);
      status.setLong(1, transactionId);
      String answer;
      try (ResultSet rows = status.executeQuery()) {
        answer = rows.next() ? rows.getString(1) : null;
      }
      connection.rollback();
      if ("committed".equals(answer)) {
        return COMMITTED;
      }
      return "aborted".equals(answer) ? ABORTED : UNKNOWN;
    } catch (SQLException | RuntimeException e) {
      return UNKNOWN;
    }
  }

  /**
   * Returns normally if the transaction whose COMMIT failed with {@code failure} committed after all
   * (the connection was lost after the server committed); throws otherwise, saying whether the
   * records may still have been kept when the database cannot tell ({@code database} names it in
   * words, should its disk be full).
   */
  static void confirm(DataSource pool, String what, long transactionId, SQLException failure, String database) {
    if (!ConnectionFailures.isOutage(failure)) {
      throw ContentErrors.classify(what, failure, database); // the server refused it: rolled back
    }
    CommitOutcome outcome = of(pool, transactionId);
    LOG.warn(lostCommit(what, outcome));
    if (outcome != CommitOutcome.COMMITTED) {
      throw ConnectionFailures.of(what, failure, outcome == CommitOutcome.UNKNOWN);
    }
  }

  /** "commit of N records", for the messages about one commit. */
  static String commitOf(int records) {
    return String.format(Locale.ROOT, "commit of %,d %s", records, records == 1 ? "record" : "records");
  }

  /** The log line of a COMMIT whose connection was lost, with what the database said of it. */
  static String lostCommit(String what, CommitOutcome outcome) {
    return what + ": connection lost during COMMIT; " + switch (outcome) {
      case COMMITTED -> "the database says it committed";
      case ABORTED -> "the database says it was rolled back";
      case UNKNOWN -> "the database could not be asked whether it committed (or it has not ended there yet)";
    };
  }
}
