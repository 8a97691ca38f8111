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
import dev.pulse.server.store.UnstorableContentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.postgresql.copy.CopyManager;

/**
 * A batch's rows in COPY's text format (tab-separated, one row a line, backslash escapes), one
 * buffer per table. {@code seq} is left out so that the column default draws it from the shared
 * sequence, row by row in the order written.
 */
final class CopyRows {

  static final String EVENTS =
      "COPY component_events (received_at, component_type, component_instance_id, context_key,"
          + " version, cloud_client_id, event_type, count, error) FROM STDIN";
  static final String CLI_COMMANDS =
      "COPY cli_commands (received_at, context_key, version, cloud_client_id, noun, verb, modifiers)"
          + " FROM STDIN";
  static final String ERRORS =
      "COPY error_reports (received_at, component_type, component_instance_id, context_key, version,"
          + " cloud_client_id, fingerprint, error_class, message, error_json) FROM STDIN";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CopyRows() {}

  static String events(RecordBatch batch) {
    StringBuilder rows = new StringBuilder(batch.events().size() * 160);
    for (StoredEvent event : batch.events()) {
      time(rows, event.receivedAt());
      component(rows, event.component());
      field(rows, event.data().eventType().name());
      field(rows, Integer.toString(event.data().count()));
      last(rows, event.data().error());
    }
    return rows.toString();
  }

  static String cliCommands(RecordBatch batch) {
    StringBuilder rows = new StringBuilder(batch.cliCommands().size() * 160);
    for (StoredCliCommand command : batch.cliCommands()) {
      time(rows, command.receivedAt());
      field(rows, command.identifier().contextId());
      field(rows, command.identifier().version());
      field(rows, command.identifier().cloudClientId());
      field(rows, command.command().noun());
      field(rows, command.command().verb());
      last(rows, json(command.command().modifiers()));
    }
    return rows.toString();
  }

  static String errors(RecordBatch batch) {
    StringBuilder rows = new StringBuilder(batch.errors().size() * 600);
    for (StoredError error : batch.errors()) {
      time(rows, error.receivedAt());
      if (error.component() == null) { // reported without one: empty columns, no install's key
        rows.append("\t\t\t\t\t");
      } else {
        component(rows, error.component());
      }
      field(rows, error.fingerprint());
      field(rows, error.error().errorClass());
      field(rows, error.error().message());
      last(rows, ReportedErrorJson.write(error.error()));
    }
    return rows.toString();
  }

  private static void component(StringBuilder rows, Component c) {
    field(rows, c.componentType().name());
    field(rows, c.componentInstanceId());
    field(rows, c.contextId());
    field(rows, c.version());
    field(rows, c.cloudClientId());
  }

  // Both stores keep microseconds; truncating here (as DuckDB does) keeps their answers identical.
  private static void time(StringBuilder rows, Instant instant) {
    rows.append(instant.truncatedTo(ChronoUnit.MICROS)).append('\t');
  }

  private static void field(StringBuilder rows, String value) {
    escape(rows, value);
    rows.append('\t');
  }

  private static void last(StringBuilder rows, String value) {
    escape(rows, value);
    rows.append('\n');
  }

  private static void escape(StringBuilder rows, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> rows.append("\\\\");
        case '\t' -> rows.append("\\t");
        case '\n' -> rows.append("\\n");
        case '\r' -> rows.append("\\r");
        case '\0' ->
            throw new UnstorableContentException("PostgreSQL cannot store the NUL character (U+0000) in text");
        default -> rows.append(c);
      }
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + value, e);
    }
  }

  /** Streams {@code rows} (text COPY format) with the COPY statement {@code sql}; nothing if empty. */
  static void copyIn(CopyManager copy, String sql, String rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try {
      copy.copyIn(sql, new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
  }
}
