package dev.pulse.server.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.StoredRecord;
import dev.pulse.server.web.DuplicateMembers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NDJSON export format, stable (documented in {@code docs/api.md}; imports read it): one JSON
 * object per line, {@code receivedAt} (ISO-8601 UTC with milliseconds) then the wire fields
 * flattened. Events: {@code componentType, componentInstanceId, contextId, version, cloudClientId,
 * eventType, count, error}. CLI: {@code version, contextId, cloudClientId, noun, verb, modifiers}.
 * Errors: the component fields, {@code fingerprint}, and {@code error}, the {@code Error} input as
 * sent ({@code message, errorClass, stack, metadata, cause} nested). {@code contextId} is the stored,
 * re-keyed value. An error reported without a component has its component fields null.
 *
 * <p>Writers write one line, newline included. Readers take one line. Thread-safe.
 */
public final class ExportFormat {

  /** The media type of an export. */
  public static final String MEDIA_TYPE = "application/x-ndjson";

  private static final int MAX_NESTING = ReportedErrorJson.MAX_NESTING;
  private static final DateTimeFormatter RECEIVED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Reads and writes lines as deep as {@link ReportedErrorJson#MAX_NESTING}, both ways. */
  // Decimals kept exact: a count of 1e-400 is refused quoting that, not the 0.0 a double makes of it.
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
              .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
              .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);


  private static final String[] COMPONENT_FIELDS = {
    "componentType", "componentInstanceId", "contextId", "version", "cloudClientId"
  };

  private ExportFormat() {}

  /** A generator over an output stream, for the write methods. */
  public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
    // No root separator: Jackson's default space would start every line after the first with one.
    return MAPPER.getFactory()
        .createGenerator(out)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .setRootValueSeparator(null);
  }

  /** Formats a receive time as the export writes it, e.g. {@code 2026-11-24T16:00:00.123Z}. */
  public static String formatInstant(Instant instant) {
    return RECEIVED_AT.format(instant);
  }

  /** Writes a record of any kind as its line. */
  public static void writeRecord(JsonGenerator out, StoredRecord record) throws IOException {
    if (record instanceof StoredEvent event) {
      writeEvent(out, event);
    } else if (record instanceof StoredCliCommand command) {
      writeCliCommand(out, command);
    } else {
      writeError(out, (StoredError) record);
    }
  }

  public static void writeEvent(JsonGenerator out, StoredEvent event) throws IOException {
    out.writeStartObject();
    out.writeStringField("receivedAt", formatInstant(event.receivedAt()));
    writeComponent(out, event.component());
    out.writeStringField("eventType", event.data().eventType().name());
    out.writeNumberField("count", event.data().count());
    out.writeStringField("error", event.data().error());
    endLine(out);
  }

  public static void writeCliCommand(JsonGenerator out, StoredCliCommand command) throws IOException {
    out.writeStartObject();
    out.writeStringField("receivedAt", formatInstant(command.receivedAt()));
    CliIdentifier id = command.identifier();
    out.writeStringField("version", id.version());
    out.writeStringField("contextId", id.contextId());
    out.writeStringField("cloudClientId", id.cloudClientId());
    out.writeStringField("noun", command.command().noun());
    out.writeStringField("verb", command.command().verb());
    out.writeArrayFieldStart("modifiers");
    for (String modifier : command.command().modifiers()) {
      out.writeString(modifier);
    }
    out.writeEndArray();
    endLine(out);
  }

  public static void writeError(JsonGenerator out, StoredError error) throws IOException {
    out.writeStartObject();
    out.writeStringField("receivedAt", formatInstant(error.receivedAt()));
    writeComponent(out, error.component());
    out.writeStringField("fingerprint", error.fingerprint());
    out.writeFieldName("error");
    ReportedErrorJson.write(out, error.error());
    endLine(out);
  }

  /** Parses one events line. */
  public static StoredEvent readEvent(String line) {
    JsonNode node = parse(line);
    return new StoredEvent(
        receivedAt(node),
        component(node),
        new TelemetryData(
            enumValue(node, "eventType", EventType.class),
            LineValues.count(node),
            node.path("error").asText("")));
  }

  /** Parses one CLI line. */
  public static StoredCliCommand readCliCommand(String line) {
    JsonNode node = parse(line);
    List<String> modifiers = new ArrayList<>();
    for (JsonNode modifier : node.path("modifiers")) {
      modifiers.add(modifier.asText());
    }
    return new StoredCliCommand(
        receivedAt(node),
        new CliIdentifier(
            text(node, "version"), text(node, "contextId"), node.path("cloudClientId").asText("")),
        new CliCommand(text(node, "noun"), text(node, "verb"), modifiers));
  }

  /** Parses one errors line. */
  public static StoredError readError(String line) {
    JsonNode node = parse(line);
    JsonNode error = node.get("error");
    if (error == null || !error.isObject()) {
      throw new IllegalArgumentException("an errors line needs an object \"error\"");
    }
    JsonNode type = node.get("componentType");
    Component component = type == null || type.isNull() ? null : component(node);
    return new StoredError(
        receivedAt(node), component, text(node, "fingerprint"), ReportedErrorJson.fromTree(error));
  }

  private static void writeComponent(JsonGenerator out, Component component) throws IOException {
    if (component == null) {
      for (String field : COMPONENT_FIELDS) {
        out.writeNullField(field);
      }
      return;
    }
    out.writeStringField("componentType", component.componentType().name());
    out.writeStringField("componentInstanceId", component.componentInstanceId());
    out.writeStringField("contextId", component.contextId());
    out.writeStringField("version", component.version());
    out.writeStringField("cloudClientId", component.cloudClientId());
  }

  private static void endLine(JsonGenerator out) throws IOException {
    out.writeEndObject();
    out.writeRaw('\n');
  }

  /**
   * One JSON object, alone on its line, each member of each object once: never the last of two
   * members winning, nor a second object or anything else after the first dropped.
   */
  private static JsonNode parse(String line) {
    int nul = line.indexOf('\0');
    if (nul >= 0) { // what UTF-16 or UTF-32 text read as UTF-8 holds; no JSON line does
      throw new IllegalArgumentException("the line has a 00 byte at column " + (nul + 1) + ", as UTF-16 or"
          + " UTF-32 text has, never a JSON line in UTF-8;"
          + " send the export encoded as UTF-8, as pulse export writes it");
    }
    try (JsonParser parser = MAPPER.createParser(line).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("an export line must be a JSON object");
      }
      int rest = (int) parser.currentLocation().getCharOffset();
      while (rest < line.length() && " \t\r".indexOf(line.charAt(rest)) >= 0) {
        rest++;
      }
      if (rest < line.length()) {
        throw new IllegalArgumentException("the line goes on after its JSON object ends, at column " + (rest + 1)
            + "; an export line holds one object");
      }
      UnstorableText.refuseIn(node);
      return node;
    } catch (JsonParseException e) {
      String duplicate = DuplicateMembers.nameIn(e);
      if (duplicate != null) {
        throw new IllegalArgumentException("the line has the member " + BadParameterException.quoted(duplicate)
            + " twice in one object, at column "
            + e.getLocation().getColumnNr() + "; give each member of an object once", e);
      }
      throw new UncheckedIOException("not a JSON export line: " + jsonProblem(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON export line: " + jsonProblem(e), e);
    }
  }

  /** Where a line stops being JSON, in our words: Jackson's message quotes the line and its own options. */
  private static String jsonProblem(IOException e) {
    if (e instanceof StreamConstraintsException && String.valueOf(e.getMessage()).contains("nesting depth")) {
      return String.format(Locale.ROOT, "it is nested deeper than %,d levels (an error's causes nest one each)",
          MAX_NESTING);
    }
    if (!(e instanceof JsonProcessingException json) || json.getLocation() == null) {
      return "it could not be read";
    }
    int column = json.getLocation().getColumnNr();
    return e instanceof JsonEOFException
        ? "its JSON ends early, at column " + column
        : "not valid JSON at column " + column;
  }

  private static Component component(JsonNode node) {
    return new Component(
        enumValue(node, "componentType", ComponentType.class),
        text(node, "componentInstanceId"),
        text(node, "contextId"),
        text(node, "version"),
        node.path("cloudClientId").asText(""));
  }

  private static Instant receivedAt(JsonNode node) {
    return LineValues.receivedAt(text(node, "receivedAt"));
  }

  private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
    String name = text(node, field);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + field + "\" is " + BadParameterException.quoted(name)
          + ", not one of the wire values");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("the export line has no string \"" + field + "\"");
    }
    return value.asText();
  }
}
