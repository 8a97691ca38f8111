package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.store.sql.EpochMicros;
import dev.pulse.server.store.sql.RawRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Turns rows of the raw tables back into records ({@link RawRows}); receive times are read as epoch
 * microseconds, free of the driver's time-zone conversions.
 */
final class RecordReader {

  private static final RawRows ROWS =
      new RawRows("epoch_us(received_at)", rows -> EpochMicros.toInstant(rows.getLong(1)));

  static final String EVENTS = ROWS.selectAll(RecordKind.EVENTS);
  static final String CLI_COMMANDS = ROWS.selectAll(RecordKind.CLI_COMMANDS);
  static final String ERRORS = ROWS.selectAll(RecordKind.ERRORS);

  private RecordReader() {}

  /**
   * The records of one kind received in [from, to]. The bounds are written into the text (they are
   * numbers) so that DuckDB prunes row groups by their received_at ranges; make_timestamp(micros)
   * compares in UTC without the driver's time-zone conversions.
   */
  static String receivedBetween(RecordKind kind, Instant from, Instant to) {
    return ROWS.selectWhere(kind, "received_at BETWEEN make_timestamp("
        + EpochMicros.of(from) + ") AND make_timestamp(" + EpochMicros.of(to) + ")");
  }

  /** The records of one kind received in [from, to), in the order stored; the bounds as in {@link #receivedBetween}. */
  static String receivedIn(RecordKind kind, Instant from, Instant to) {
    return ROWS.selectWhereInOrder(kind, "received_at >= make_timestamp(" + EpochMicros.of(from)
        + ") AND received_at < make_timestamp(" + EpochMicros.of(to) + ")");
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

  /**
   * Streams the rows of {@code query}, on a connection of {@code connections} (closed after), to
   * {@code handler}; a failure names the database {@code file}.
   */
  static void read(Supplier<Connection> connections, Path file, String query, Handler handler) {
    try (Connection connection = connections.get();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        handler.handle(rows);
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }
}
