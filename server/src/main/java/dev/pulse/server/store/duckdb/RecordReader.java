package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.sql.EpochMicros;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Turns rows of the raw tables back into records. The queries select columns in a fixed order. */
final class RecordReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String RECEIVED_MICROS = "epoch_us(received_at)";
  private static final String COMPONENT_COLUMNS =
      "component_type, component_instance_id, context_key, version, cloud_client_id";

  static final String EVENTS =
      "SELECT " + RECEIVED_MICROS + ", " + COMPONENT_COLUMNS + ", event_type, count, error"
          + " FROM component_events ORDER BY seq";
  static final String CLI_COMMANDS =
      "SELECT " + RECEIVED_MICROS + ", context_key, version, cloud_client_id, noun, verb, modifiers"
          + " FROM cli_commands ORDER BY seq";
  static final String ERRORS =
      "SELECT " + RECEIVED_MICROS + ", " + COMPONENT_COLUMNS + ", fingerprint, error_json"
          + " FROM error_reports ORDER BY seq";

  private RecordReader() {}

  /**
   * The records of one kind received in [from, to]. The bounds are written into the text (they are
   * numbers) so that DuckDB prunes row groups by their received_at ranges; make_timestamp(micros)
   * compares in UTC without the driver's time-zone conversions.
   */
  static String receivedBetween(RecordKind kind, Instant from, Instant to) {
    String all = switch (kind) {
      case EVENTS -> EVENTS;
      case CLI_COMMANDS -> CLI_COMMANDS;
      case ERRORS -> ERRORS;
    };
    return all.replace(" ORDER BY seq", " WHERE received_at BETWEEN make_timestamp("
        + EpochMicros.of(from) + ") AND make_timestamp(" + EpochMicros.of(to) + ")");
  }

  /** The row as a record of {@code kind}, for a query of {@link #receivedBetween}. */
  static StoredRecord record(RecordKind kind, ResultSet rows) throws SQLException {
    return switch (kind) {
      case EVENTS -> event(rows);
      case CLI_COMMANDS -> cliCommand(rows);
      case ERRORS -> error(rows);
    };
  }

  static StoredEvent event(ResultSet rows) throws SQLException {
    return new StoredEvent(
        EpochMicros.toInstant(rows.getLong(1)),
        component(rows),
        new TelemetryData(EventType.valueOf(rows.getString(7)), rows.getInt(8), rows.getString(9)));
  }

  static StoredCliCommand cliCommand(ResultSet rows) throws SQLException {
    return new StoredCliCommand(
        EpochMicros.toInstant(rows.getLong(1)),
        new CliIdentifier(rows.getString(3), rows.getString(2), rows.getString(4)),
        new CliCommand(rows.getString(5), rows.getString(6), strings(rows.getString(7))));
  }

  static StoredError error(ResultSet rows) throws SQLException {
    return new StoredError(
        EpochMicros.toInstant(rows.getLong(1)),
        errorComponent(rows),
        rows.getString(7),
        ReportedErrorJson.read(rows.getString(8)));
  }

  /** An error's component: empty columns stand for a report sent without one. */
  private static Component errorComponent(ResultSet rows) throws SQLException {
    return rows.getString(2).isEmpty() ? null : component(rows);
  }

  private static Component component(ResultSet rows) throws SQLException {
    return new Component(
        ComponentType.valueOf(rows.getString(2)),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6));
  }

  private static List<String> strings(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (IOException e) {
      throw new StoreException("stored modifiers are not a JSON array: " + json, e);
    }
  }
}
