package dev.pulse.server.ingest;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.schema.TelemetryInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the argument values graphql-java has already coerced against the schema (maps, lists,
 * strings, integers; enum values as their names) into the schema records, enforcing every
 * {@link IngestLimits} bound on the way. Throws {@link InputViolation} naming the field at the first
 * broken rule. Stateless and thread-safe.
 *
 * <p>What is dropped on purpose: {@code ebpf} diagnostics (they can hold pod names and images) and
 * null stack frames (the schema allows them; they carry nothing).
 */
final class InputReader {

  private final IngestLimits limits;

  InputReader(IngestLimits limits) {
    this.limits = limits;
  }

  List<TelemetryInput> telemetries(String argument, Object value) {
    List<?> items = list(value, argument);
    List<TelemetryInput> result = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Map<?, ?> item = (Map<?, ?>) items.get(i);
      Component component = component((Map<?, ?>) item.get("component"), argument, i, ".component");
      result.add(new TelemetryInput(component, data((Map<?, ?>) item.get("data"), argument, i)));
    }
    return result;
  }

  List<CliTelemetry> cliTelemetries(String argument, Object value) {
    List<?> items = list(value, argument);
    List<CliTelemetry> result = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Map<?, ?> item = (Map<?, ?>) items.get(i);
      Map<?, ?> id = (Map<?, ?>) item.get("identifier");
      Map<?, ?> command = (Map<?, ?>) item.get("command");
      CliIdentifier identifier =
          new CliIdentifier(
              identifier(id, "version", new FieldPath(argument, i, ".identifier", 0)),
              identifier(id, "contextId", new FieldPath(argument, i, ".identifier", 0)),
              identifier(id, "cloudClientId", new FieldPath(argument, i, ".identifier", 0)));
      FieldPath at = new FieldPath(argument, i, ".command", 0);
      result.add(
          new CliTelemetry(
              identifier,
              new CliCommand(
                  identifier(command, "noun", at),
                  identifier(command, "verb", at),
                  modifiers(command.get("modifiers"), at))));
    }
    return result;
  }

  /** The component of {@code sendErrors}, null when the client sent none (the schema allows it). */
  Component errorComponent(String argument, Object value) {
    return value == null ? null : component((Map<?, ?>) value, argument, -1, "");
  }

  List<ReportedError> errors(String argument, Object value) {
    List<?> items = list(value, argument);
    List<ReportedError> result = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      result.add(error((Map<?, ?>) items.get(i), argument, i));
    }
    return result;
  }

  private List<?> list(Object value, String argument) {
    List<?> items = (List<?>) value;
    if (items.size() > limits.maxItemsPerRequest()) {
      throw tooMany(argument, items.size(), limits.maxItemsPerRequest(), "maxItemsPerRequest");
    }
    return items;
  }

  private Component component(Map<?, ?> map, String base, int index, String segment) {
    return component(
        ComponentType.valueOf((String) map.get("componentType")),
        (String) map.get("componentInstanceId"),
        (String) map.get("contextId"),
        (String) map.get("version"),
        (String) map.get("cloudClientId"),
        new FieldPath(base, index, segment, 0));
  }

  /** The component of item {@code index} of {@code base}, its identifiers' lengths checked. */
  Component telemetryComponent(
      ComponentType type, String instanceId, String contextId, String version, String cloudClientId,
      String base, int index) {
    return component(type, instanceId, contextId, version, cloudClientId, new FieldPath(base, index, ".component", 0));
  }

  private Component component(
      ComponentType type, String instanceId, String contextId, String version, String cloudClientId,
      FieldPath at) {
    return new Component(
        type,
        identifier(instanceId, "componentInstanceId", at),
        identifier(contextId, "contextId", at),
        identifier(version, "version", at),
        identifier(cloudClientId, "cloudClientId", at));
  }

  private TelemetryData data(Map<?, ?> map, String base, int index) {
    Object count = map.get("count");
    return telemetryData(
        EventType.valueOf((String) map.get("eventType")),
        count == null ? 0 : (Integer) count,
        (String) map.get("error"),
        base,
        index);
  }

  /**
   * The data of item {@code index} of {@code base} (a missing count is 0), its count and error text
   * checked.
   */
  TelemetryData telemetryData(EventType type, int count, String error, String base, int index) {
    FieldPath at = new FieldPath(base, index, ".data", 0);
    if (count < 0) {
      throw new InputViolation(
          InputViolation.NEGATIVE_COUNT,
          at.field("count"),
          at.field("count") + " must not be negative, got " + count);
    }
    // ebpf is not read: its diagnostics can name pods and images, and Pulse stores none of them.
    return new TelemetryData(
        type, count, checked(error, "error", limits.maxErrorTextLength(), "maxErrorTextLength", at));
  }

  /**
   * One error and its cause chain, walked iteratively: the chain's depth is bounded here and by the
   * JSON parser's nesting limit, never by the call stack.
   */
  private ReportedError error(Map<?, ?> outermost, String base, int index) {
    List<Map<?, ?>> chain = new ArrayList<>();
    for (Map<?, ?> e = outermost; e != null; e = (Map<?, ?>) e.get("cause")) {
      if (chain.size() == limits.maxCauseDepth()) {
        FieldPath at = new FieldPath(base, index, "", chain.size() - 1);
        throw new InputViolation(
            InputViolation.CAUSE_TOO_DEEP,
            at.field("cause"),
            "the cause chain of "
                + base
                + "["
                + index
                + "] is deeper than the limit of "
                + limits.maxCauseDepth()
                + " (maxCauseDepth) at "
                + at.field("cause"));
      }
      chain.add(e);
    }
    ReportedError cause = null;
    for (int depth = chain.size() - 1; depth >= 0; depth--) {
      Map<?, ?> e = chain.get(depth);
      FieldPath at = new FieldPath(base, index, "", depth);
      cause =
          new ReportedError(
              string(e, "message", limits.maxMessageLength(), "maxMessageLength", at),
              string(e, "errorClass", limits.maxFieldLength(), "maxFieldLength", at),
              cause,
              frames(e.get("stack"), at),
              metadata(e.get("metadata"), at));
    }
    return cause;
  }

  private List<StackFrame> frames(Object value, FieldPath at) {
    if (value == null) {
      return List.of();
    }
    List<?> items = (List<?>) value;
    if (items.size() > limits.maxStackFrames()) {
      throw tooMany(at.field("stack"), items.size(), limits.maxStackFrames(), "maxStackFrames");
    }
    List<StackFrame> frames = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Map<?, ?> frame = (Map<?, ?>) items.get(i);
      if (frame == null) {
        continue;
      }
      FieldPath frameAt = at.element("stack", i);
      frames.add(
          new StackFrame(
              string(frame, "file", limits.maxFieldLength(), "maxFieldLength", frameAt),
              (Integer) frame.get("lineNumber"),
              string(frame, "name", limits.maxFieldLength(), "maxFieldLength", frameAt),
              string(frame, "package", limits.maxFieldLength(), "maxFieldLength", frameAt)));
    }
    return frames;
  }

  private List<MetadataEntry> metadata(Object value, FieldPath at) {
    if (value == null) {
      return List.of();
    }
    List<?> items = (List<?>) value;
    if (items.size() > limits.maxMetadataEntries()) {
      throw tooMany(at.field("metadata"), items.size(), limits.maxMetadataEntries(), "maxMetadataEntries");
    }
    List<MetadataEntry> entries = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Map<?, ?> entry = (Map<?, ?>) items.get(i);
      FieldPath entryAt = at.element("metadata", i);
      entries.add(
          new MetadataEntry(
              identifier(entry, "key", entryAt),
              string(entry, "value", limits.maxFieldLength(), "maxFieldLength", entryAt)));
    }
    return entries;
  }

  private List<String> modifiers(Object value, FieldPath at) {
    if (value == null) {
      return List.of();
    }
    List<?> items = (List<?>) value;
    if (items.size() > limits.maxModifiers()) {
      throw tooMany(at.field("modifiers"), items.size(), limits.maxModifiers(), "maxModifiers");
    }
    List<String> modifiers = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      modifiers.add(
          TextRules.checked(
              (String) items.get(i), at.field("modifiers") + "[" + i + "]",
              limits.maxIdentifierLength(), "maxIdentifierLength"));
    }
    return modifiers;
  }

  private String identifier(Map<?, ?> map, String key, FieldPath at) {
    return identifier((String) map.get(key), key, at);
  }

  private String identifier(String value, String key, FieldPath at) {
    return checked(value, key, limits.maxIdentifierLength(), "maxIdentifierLength", at);
  }

  private static String string(Map<?, ?> map, String key, int max, String limit, FieldPath at) {
    return checked((String) map.get(key), key, max, limit, at);
  }

  private static String checked(String value, String key, int max, String limit, FieldPath at) {
    return TextRules.checked(value, key, max, limit, at);
  }

  static InputViolation tooMany(String field, int size, int max, String limit) {
    return new InputViolation(
        InputViolation.TOO_MANY_ITEMS,
        field,
        field + " has " + size + " items, more than the limit of " + max + " (" + limit + ")");
  }
}
