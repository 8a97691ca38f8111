package dev.pulse.server.store.postgres;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.sql.RawRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/** Turns rows of the raw tables back into records ({@link RawRows}); receive times are timestamptz. */
final class RowReader {

  private static final RawRows ROWS =
      new RawRows("received_at", rows -> rows.getObject(1, OffsetDateTime.class).toInstant());

  static final String EVENTS = ROWS.selectAll(RecordKind.EVENTS);
  static final String CLI_COMMANDS = ROWS.selectAll(RecordKind.CLI_COMMANDS);
  static final String ERRORS = ROWS.selectAll(RecordKind.ERRORS);

  private static final int FETCH_SIZE = 2_000;

  private RowReader() {}

  /**
   * The records of one kind received in [from, to]. The bounds are literals, written as COPY writes
   * receive times, so that the plan uses the BRIN index on received_at whatever the values.
   */
  static String receivedBetween(RecordKind kind, Instant from, Instant to) {
    return ROWS.selectWhere(kind, "received_at BETWEEN '"
        + from.truncatedTo(ChronoUnit.MICROS) + "'::timestamptz AND '"
        + to.truncatedTo(ChronoUnit.MICROS) + "'::timestamptz");
  }

  /** The records of one kind received in [from, to), in the order stored; the bounds as in {@link #receivedBetween}. */
  static String receivedIn(RecordKind kind, Instant from, Instant to) {
    return ROWS.selectWhereInOrder(kind, "received_at >= '" + from.truncatedTo(ChronoUnit.MICROS)
        + "'::timestamptz AND received_at < '" + to.truncatedTo(ChronoUnit.MICROS) + "'::timestamptz");
  }

  /** The row as a record of {@code kind}, for a query of {@link #receivedBetween} or {@link #receivedIn}. */
  static StoredRecord record(RecordKind kind, ResultSet rows) throws SQLException {
    return ROWS.record(kind, rows);
  }

  static StoredEvent event(ResultSet rows) throws SQLException {
    return ROWS.event(rows);
  }

  static StoredCliCommand cliCommand(ResultSet rows) throws SQLException {
    return ROWS.cliCommand(rows);
  }

  static StoredError error(ResultSet rows) throws SQLException {
    return ROWS.error(rows);
  }

  /** What is done with each row of a {@link #read}. */
  interface Handler {
    void handle(ResultSet rows) throws SQLException;
  }

  /** Streams the rows of {@code query} to {@code handler}; {@code what} names the read in a failure. */
  static void read(DataSource pool, String what, String query, Handler handler) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // A fetch size streams through a cursor (manual-commit connections only) instead of
      // materializing every row in memory.
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = statement.executeQuery(query)) {
        while (rows.next()) {
          handler.handle(rows);
        }
      }
      connection.rollback();
    } catch (SQLException e) {
      throw ConnectionFailures.of(what, e, false);
    }
  }
}
