package dev.pulse.server.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.ReportedErrorJson;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads records in the NDJSON export format ({@code docs/api.md}) into a store, keeping each record's
 * {@code receivedAt} and storing {@code contextId}s as given: they come from an export, so they are
 * already re-keyed. Records are appended in batches of {@code batchSize}; a bad line stops the import
 * with an {@link ImportException} naming it, after the batches before it were committed (give a
 * batch size above the line count for all or nothing). Blank lines are skipped.
 */
public final class NdjsonImporter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventStore store;
  private final int batchSize;

  public NdjsonImporter(EventStore store, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    this.store = store;
    this.batchSize = batchSize;
  }

  /** Imports every line; returns the number of records imported. */
  public long importFrom(BufferedReader lines, RecordKind kind) {
    List<StoredEvent> events = new ArrayList<>();
    List<StoredCliCommand> commands = new ArrayList<>();
    List<StoredError> errors = new ArrayList<>();
    long lineNumber = 0;
    long imported = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = parse(line, lineNumber);
        try {
          switch (kind) {
            case EVENTS -> events.add(event(node));
            case CLI -> commands.add(cliCommand(node));
            case ERRORS -> errors.add(error(node));
          }
        } catch (RuntimeException e) {
          throw new ImportException(lineNumber, e.getMessage(), e);
        }
        if (events.size() + commands.size() + errors.size() >= batchSize) {
          imported += flush(events, commands, errors);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the import failed at line " + lineNumber, e);
    }
    return imported + flush(events, commands, errors);
  }

  private long flush(List<StoredEvent> events, List<StoredCliCommand> commands, List<StoredError> errors) {
    RecordBatch batch = new RecordBatch(events, commands, errors);
    if (!batch.isEmpty()) {
      store.append(batch);
    }
    events.clear();
    commands.clear();
    errors.clear();
    return batch.size();
  }

  private static JsonNode parse(String line, long lineNumber) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new ImportException(lineNumber, "not a JSON object", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ImportException(lineNumber, "not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static StoredEvent event(JsonNode n) {
    return new StoredEvent(receivedAt(n), component(n),
        new TelemetryData(EventType.valueOf(text(n, "eventType")), n.path("count").asInt(0),
            n.path("error").asText("")));
  }

  private static StoredCliCommand cliCommand(JsonNode n) {
    List<String> modifiers = new ArrayList<>();
    n.path("modifiers").forEach(m -> modifiers.add(m.asText()));
    return new StoredCliCommand(receivedAt(n),
        new CliIdentifier(text(n, "version"), text(n, "contextId"), n.path("cloudClientId").asText("")),
        new CliCommand(text(n, "noun"), text(n, "verb"), modifiers));
  }

  private static StoredError error(JsonNode n) {
    JsonNode error = n.get("error");
    if (error == null || !error.isObject()) {
      throw new IllegalArgumentException("error: required object");
    }
    return new StoredError(receivedAt(n), component(n), text(n, "fingerprint"), ReportedErrorJson.fromTree(error));
  }

  private static Component component(JsonNode n) {
    return new Component(ComponentType.valueOf(text(n, "componentType")), text(n, "componentInstanceId"),
        text(n, "contextId"), text(n, "version"), n.path("cloudClientId").asText(""));
  }

  private static Instant receivedAt(JsonNode n) {
    String text = text(n, "receivedAt");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("receivedAt: not an ISO-8601 instant: " + text, e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || value.isNull() || !value.isValueNode()) {
      throw new IllegalArgumentException(field + ": required");
    }
    return value.asText();
  }
}
