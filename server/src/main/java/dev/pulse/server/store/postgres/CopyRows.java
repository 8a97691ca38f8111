package dev.pulse.server.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.Component;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.IOException;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;

/**
 * A batch's rows in COPY's binary format, one buffer per table: PostgreSQL takes each value as it
 * stores it (a timestamp as microseconds, an integer as its four bytes, text as UTF-8), with no text
 * to parse. {@code seq} is left out so that the column default draws it from the shared sequence,
 * row by row in the order written.
 */
final class CopyRows {

  static final String EVENTS =
      "COPY component_events (received_at, component_type, component_instance_id, context_key,"
          + " version, cloud_client_id, event_type, count, error) FROM STDIN (FORMAT binary)";
  static final String CLI_COMMANDS =
      "COPY cli_commands (received_at, context_key, version, cloud_client_id, noun, verb, modifiers)"
          + " FROM STDIN (FORMAT binary)";
  static final String ERRORS =
      "COPY error_reports (received_at, component_type, component_instance_id, context_key, version,"
          + " cloud_client_id, fingerprint, error_class, message, error_json) FROM STDIN (FORMAT binary)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CopyRows() {}

  /** The events' rows; {@code null} when the batch has none. */
  static CopyBuffer events(RecordBatch batch) {
    if (batch.events().isEmpty()) {
      return null;
    }
    CopyBuffer rows = new CopyBuffer(batch.events().size() * 200);
    for (StoredEvent event : batch.events()) {
      rows.row(9).time(event.receivedAt());
      component(rows, event.component());
      rows.text(event.data().eventType().name()).int4(event.data().count()).text(event.data().error());
    }
    return rows.finish();
  }

  /** The CLI commands' rows; {@code null} when the batch has none. */
  static CopyBuffer cliCommands(RecordBatch batch) {
    if (batch.cliCommands().isEmpty()) {
      return null;
    }
    CopyBuffer rows = new CopyBuffer(batch.cliCommands().size() * 200);
    for (StoredCliCommand command : batch.cliCommands()) {
      rows.row(7).time(command.receivedAt())
          .text(command.identifier().contextId())
          .text(command.identifier().version())
          .text(command.identifier().cloudClientId())
          .text(command.command().noun())
          .text(command.command().verb())
          .text(json(command.command().modifiers()));
    }
    return rows.finish();
  }

  /** The errors' rows; {@code null} when the batch has none. */
  static CopyBuffer errors(RecordBatch batch) {
    if (batch.errors().isEmpty()) {
      return null;
    }
    CopyBuffer rows = new CopyBuffer(batch.errors().size() * 700);
    for (StoredError error : batch.errors()) {
      rows.row(10).time(error.receivedAt());
      if (error.component() == null) { // reported without one: empty columns, no install's key
        rows.text("").text("").text("").text("").text("");
      } else {
        component(rows, error.component());
      }
      rows.text(error.fingerprint())
          .text(error.error().errorClass())
          .text(error.error().message())
          .text(ReportedErrorJson.write(error.error()));
    }
    return rows.finish();
  }

  private static void component(CopyBuffer rows, Component c) {
    rows.text(c.componentType().name())
        .text(c.componentInstanceId())
        .text(c.contextId())
        .text(c.version())
        .text(c.cloudClientId());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + value, e);
    }
  }

  /** Sends {@code rows} (binary COPY format) with the COPY statement {@code sql}; nothing if null. */
  static void copyIn(CopyManager copy, String sql, CopyBuffer rows) throws SQLException {
    if (rows == null) {
      return;
    }
    try {
      copy.copyIn(sql, rows.stream());
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
  }
}
