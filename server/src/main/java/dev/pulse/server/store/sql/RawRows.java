package dev.pulse.server.store.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The raw tables' rows as records, the same on every store: which columns a read selects, in which
 * order, and how they map back to components, commands and error reports. Only the receive time's
 * column (the first) is read the store's own way. Immutable.
 */
public final class RawRows {

  /** Reads the first column, the receive time, as the store writes it. */
  public interface ReceivedAt {
    Instant read(ResultSet rows) throws SQLException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String COMPONENT_COLUMNS =
      "component_type, component_instance_id, context_key, version, cloud_client_id";

  private final String receivedAtColumn;
  private final ReceivedAt receivedAt;

  /**
   * @param receivedAtColumn the expression selected first, e.g. {@code received_at}
   * @param receivedAt how that column is read back
   */
  public RawRows(String receivedAtColumn, ReceivedAt receivedAt) {
    this.receivedAtColumn = receivedAtColumn;
    this.receivedAt = receivedAt;
  }

  /** Every record of a kind, in the order stored (an import stores its file's order). */
  public String selectAll(RecordKind kind) {
    return "SELECT " + columns(kind) + " FROM " + kind.table() + " ORDER BY seq";
  }

  /** The records of a kind matching {@code condition}, in the order stored. */
  public String selectWhereInOrder(RecordKind kind, String condition) {
    return selectWhere(kind, condition) + " ORDER BY seq";
  }

  /** The records of a kind matching {@code condition}, in no particular order. */
  public String selectWhere(RecordKind kind, String condition) {
    return "SELECT " + columns(kind) + " FROM " + kind.table() + " WHERE " + condition;
  }

  private String columns(RecordKind kind) {
    return receivedAtColumn + ", " + switch (kind) {
      case EVENTS -> COMPONENT_COLUMNS + ", event_type, count, error";
      case CLI_COMMANDS -> "context_key, version, cloud_client_id, noun, verb, modifiers";
      case ERRORS -> COMPONENT_COLUMNS + ", fingerprint, error_json";
    };
  }

  /** The row, of a query of this class for {@code kind}, as a record. */
  public StoredRecord record(RecordKind kind, ResultSet rows) throws SQLException {
    return switch (kind) {
      case EVENTS -> event(rows);
      case CLI_COMMANDS -> cliCommand(rows);
      case ERRORS -> error(rows);
    };
  }

  public StoredEvent event(ResultSet rows) throws SQLException {
    return new StoredEvent(
        receivedAt.read(rows),
        component(rows),
        new TelemetryData(EventType.valueOf(rows.getString(7)), rows.getInt(8), rows.getString(9)));
  }

  public StoredCliCommand cliCommand(ResultSet rows) throws SQLException {
    return new StoredCliCommand(
        receivedAt.read(rows),
        new CliIdentifier(rows.getString(3), rows.getString(2), rows.getString(4)),
        new CliCommand(rows.getString(5), rows.getString(6), strings(rows.getString(7))));
  }

  public StoredError error(ResultSet rows) throws SQLException {
    return new StoredError(receivedAt.read(rows), errorComponent(rows), rows.getString(7), errorReport(rows));
  }

  private static ReportedError errorReport(ResultSet rows) throws SQLException {
    try {
      return ReportedErrorJson.read(rows.getString(8));
    } catch (UncheckedIOException e) {
      throw new StoreException(e.getMessage(), e);
    }
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
