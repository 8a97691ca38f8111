package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.UnstorableContentException;
import java.sql.SQLException;

/**
 * Tells PostgreSQL's refusals of what was sent from failures of the database itself, by SQLState
 * class: 22 (data exception, e.g. 22021 character not in repertoire, 22P05 untranslatable character)
 * and 23 (integrity constraint violation) come from the records' content and will fail again however
 * often they are retried; everything else (connection, resources, shutdown) may pass later, a full
 * disk ({@link FullDisk}) once space is freed on it.
 */
final class ContentErrors {

  private ContentErrors() {}

  /** Whether {@code e}, or an exception it chains, is a data or constraint error. */
  static boolean isContentError(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      String state = next.getSQLState();
      if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
        return true;
      }
      if (next.getNextException() == next) {
        break;
      }
    }
    return e.getCause() instanceof SQLException cause && cause != e && isContentError(cause);
  }

  /**
   * What a failure of the operation {@code what} is: already a store failure, the content's fault
   * ({@link UnstorableContentException}), an outage, the full disk of {@code database} (named so in
   * words, {@link FullDisk#database}), or another store error.
   */
  static StoreException classify(String what, Exception e, String database) {
    if (e instanceof StoreException stored) {
      return stored;
    }
    if (e instanceof SQLException sql && isContentError(sql)) {
      return new UnstorableContentException(describe(what, sql), sql);
    }
    return ConnectionFailures.of(what, e, false, database);
  }

  /** A message for a content error of the operation {@code what}. */
  static String describe(String what, SQLException e) {
    return what + " failed: PostgreSQL refused the content (SQLState " + e.getSQLState() + "): "
        + e.getMessage();
  }
}
