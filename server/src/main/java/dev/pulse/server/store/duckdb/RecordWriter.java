package dev.pulse.server.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.sql.EpochMicros;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a batch's rows with DuckDB appenders (columnar bulk insert, far faster than INSERT
 * statements) inside the writer connection's open transaction. Not thread-safe: its owner serializes.
 */
final class RecordWriter implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<ComponentType, byte[]> COMPONENT_TYPES = utf8Names(ComponentType.class);
  private static final Map<EventType, byte[]> EVENT_TYPES = utf8Names(EventType.class);

  private final DuckDBConnection connection;
  private DuckDBAppender events;
  private DuckDBAppender cliCommands;
  private DuckDBAppender errors;
  private final LastText instanceId = new LastText();
  private final LastText contextId = new LastText();
  private final LastText version = new LastText();
  private final LastText cloudClientId = new LastText();
  private final LastText eventError = new LastText();
  /** False after a reset that failed partway (a table missing): the next write resets first. */
  private boolean fresh;

  RecordWriter(DuckDBConnection connection) throws SQLException {
    this.connection = connection;
    reset();
  }

  /** Appends every record, numbering them from {@code firstSeq}. */
  void write(RecordBatch batch, long firstSeq) throws SQLException {
    if (!fresh) {
      // Inside the caller's transaction: the appenders replaced hold no rows (the failed reset closed them).
      reset();
    }
    long seq = firstSeq;
    for (StoredEvent event : batch.events()) {
      events.beginRow().append(seq++).appendEpochMicros(EpochMicros.of(event.receivedAt()));
      appendComponent(events, event.component());
      events.append(EVENT_TYPES.get(event.data().eventType())).append(event.data().count());
      events.append(eventError.utf8(event.data().error())).endRow();
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
      if (error.component() == null) { // reported without one: empty columns, no install's key
        errors.append("").append("").append("").append("").append("");
      } else {
        appendComponent(errors, error.component());
      }
      errors.append(error.fingerprint()).append(error.error().errorClass());
      errors.append(error.error().message()).append(ReportedErrorJson.write(error.error())).endRow();
    }
    events.flush();
    cliCommands.flush();
    errors.flush();
  }

  /** Drops any half-written rows by starting fresh appenders (after a failed transaction). */
  void reset() throws SQLException {
    fresh = false;
    closeQuietly();
    events = connection.createAppender("main", "component_events");
    cliCommands = connection.createAppender("main", "cli_commands");
    errors = connection.createAppender("main", "error_reports");
    fresh = true;
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

  private void appendComponent(DuckDBAppender appender, Component c) throws SQLException {
    appender.append(COMPONENT_TYPES.get(c.componentType())).append(instanceId.utf8(c.componentInstanceId()));
    appender.append(contextId.utf8(c.contextId())).append(version.utf8(c.version()));
    appender.append(cloudClientId.utf8(c.cloudClientId()));
  }

  private static <E extends Enum<E>> Map<E, byte[]> utf8Names(Class<E> type) {
    Map<E, byte[]> names = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      names.put(value, value.name().getBytes(StandardCharsets.UTF_8));
    }
    return names;
  }

  /**
   * One text column's last value and its UTF-8 bytes. Records of one install share their component's
   * strings, so consecutive rows mostly repeat the same object: it is encoded once, not once a row.
   */
  private static final class LastText {
    private String text;
    private byte[] utf8;

    /** The value's UTF-8 bytes; null for null (appended as NULL). */
    byte[] utf8(String value) {
      if (value == null) {
        return null;
      }
      if (value != text) {
        utf8 = value.getBytes(StandardCharsets.UTF_8);
        text = value;
      }
      return utf8;
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + value, e);
    }
  }
}
