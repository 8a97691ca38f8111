package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.EpochMicros;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.Component;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.ReportedErrorJson;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a batch's rows with DuckDB appenders (columnar bulk insert, far faster than INSERT
 * statements) inside the writer connection's open transaction. Not thread-safe: its owner serializes.
 */
final class RecordWriter implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DuckDBConnection connection;
  private DuckDBAppender events;
  private DuckDBAppender cliCommands;
  private DuckDBAppender errors;

  RecordWriter(DuckDBConnection connection) throws SQLException {
    this.connection = connection;
    reset();
  }

  /** Appends every record, numbering them from {@code firstSeq}. */
  void write(RecordBatch batch, long firstSeq) throws SQLException {
    long seq = firstSeq;
    for (StoredEvent event : batch.events()) {
      Component c = event.component();
      events.beginRow().append(seq++).appendEpochMicros(EpochMicros.of(event.receivedAt()));
      appendComponent(events, c);
      events.append(event.data().eventType().name()).append(event.data().count());
      events.append(event.data().error()).endRow();
    }
    for (StoredCliCommand command : batch.cliCommands()) {
      cliCommands.beginRow().append(seq++).appendEpochMicros(EpochMicros.of(command.receivedAt()));
      cliCommands.append(command.identifier().contextId()).append(command.identifier().version());
      cliCommands.append(command.identifier().cloudClientId());
      cliCommands.append(command.command().noun()).append(command.command().verb());
      cliCommands.append(json(command.command().modifiers())).endRow();
    }
    for (StoredError error : batch.errors()) {
      errors.beginRow().append(seq++).appendEpochMicros(EpochMicros.of(error.receivedAt()));
      appendComponent(errors, error.component());
      errors.append(error.fingerprint()).append(error.error().errorClass());
      errors.append(error.error().message()).append(ReportedErrorJson.write(error.error())).endRow();
    }
    events.flush();
    cliCommands.flush();
    errors.flush();
  }

  /** Drops any half-written rows by starting fresh appenders (after a failed transaction). */
  void reset() throws SQLException {
    closeQuietly();
    events = connection.createAppender("main", "component_events");
    cliCommands = connection.createAppender("main", "cli_commands");
    errors = connection.createAppender("main", "error_reports");
  }

  @Override
  public void close() throws SQLException {
    events.close();
    cliCommands.close();
    errors.close();
  }

  private void closeQuietly() {
    for (DuckDBAppender appender : new DuckDBAppender[] {events, cliCommands, errors}) {
      if (appender == null) {
        continue;
      }
      try {
        appender.close();
      } catch (SQLException ignored) {
        // A broken appender is being replaced; its error was already reported.
      }
    }
  }

  private static void appendComponent(DuckDBAppender appender, Component c) throws SQLException {
    appender.append(c.componentType().name()).append(c.componentInstanceId());
    appender.append(c.contextId()).append(c.version()).append(c.cloudClientId());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + value, e);
    }
  }
}
