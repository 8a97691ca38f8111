package dev.pulse.server.ingest;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.WireOperations;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognizes the one request that carries nearly all the volume, the Go components' exact
 * {@code SendTelemetries} document with well-formed variables, so that it skips graphql-java's
 * execution and variable coercion (about half of the CPU a request costs).
 *
 * <p>It only ever answers "this request is certainly valid and means exactly this": every type, every
 * required field, every enum name and every input-object key is checked as the schema would.
 * Anything else, including every request that breaks a limit, goes the normal way through
 * graphql-java, which gives the precise error. So the two paths cannot disagree on what is accepted.
 * Stateless and thread-safe.
 */
final class TelemetriesFastPath {

  private static final String VARIABLE = "telemetries";
  private static final Set<String> INPUT_KEYS = Set.of("component", "data");
  private static final Set<String> COMPONENT_KEYS =
      Set.of("componentType", "componentInstanceId", "contextId", "version", "cloudClientId");
  private static final Set<String> DATA_KEYS = Set.of("eventType", "count", "error", "ebpf");
  private static final Set<String> EBPF_KEYS =
      Set.of("containerImage", "executable", "executableHash", "programName", "podName", "podNamespace");
  private static final Set<String> COMPONENT_TYPES = names(ComponentType.values());
  private static final Set<String> EVENT_TYPES = names(EventType.values());

  private final InputReader reader;
  private final int maxItems;

  TelemetriesFastPath(InputReader reader, int maxItems) {
    this.reader = reader;
    this.maxItems = maxItems;
  }

  /**
   * Adds the request's events to {@code pending} and returns true when the request is a plain,
   * valid {@code SendTelemetries}; returns false, having added nothing, otherwise.
   */
  boolean tryAdd(GraphQlRequest request, PendingRecords pending) {
    if (!WireOperations.SEND_TELEMETRIES.equals(request.query())) {
      return false;
    }
    String operation = request.operationName();
    if (operation != null && !operation.equals(WireOperations.SEND_TELEMETRIES_NAME)) {
      return false;
    }
    Map<String, Object> variables = request.variables();
    if (variables == null || variables.size() != 1) {
      return false;
    }
    Object list = variables.get(VARIABLE);
    if (!wellFormed(list)) {
      return false;
    }
    try {
      pending.addEvents(VARIABLE, reader.telemetries(VARIABLE, list));
      return true;
    } catch (InputViolation violation) {
      // Let graphql-java answer it, with its locations and path.
      return false;
    }
  }

  private boolean wellFormed(Object value) {
    if (!(value instanceof List<?> items) || items.size() > maxItems) {
      return false;
    }
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> input)
          || !onlyKeys(input, INPUT_KEYS)
          || !component(input.get("component"))
          || !data(input.get("data"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean component(Object value) {
    return value instanceof Map<?, ?> c
        && onlyKeys(c, COMPONENT_KEYS)
        && COMPONENT_TYPES.contains(c.get("componentType"))
        && c.get("componentInstanceId") instanceof String
        && c.get("contextId") instanceof String
        && c.get("version") instanceof String
        && optionalString(c.get("cloudClientId"));
  }

  private static boolean data(Object value) {
    if (!(value instanceof Map<?, ?> d) || !onlyKeys(d, DATA_KEYS)) {
      return false;
    }
    Object count = d.get("count");
    return EVENT_TYPES.contains(d.get("eventType"))
        && (count == null || count instanceof Integer)
        && optionalString(d.get("error"))
        && ebpf(d.get("ebpf"));
  }

  private static boolean ebpf(Object value) {
    if (value == null) {
      return true;
    }
    if (!(value instanceof Map<?, ?> e) || !onlyKeys(e, EBPF_KEYS)) {
      return false;
    }
    for (Object field : e.values()) {
      if (!optionalString(field)) {
        return false;
      }
    }
    return true;
  }

  private static boolean optionalString(Object value) {
    return value == null || value instanceof String;
  }

  private static boolean onlyKeys(Map<?, ?> map, Set<String> allowed) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(key)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> names(Enum<?>[] values) {
    Set<String> names = new HashSet<>();
    for (Enum<?> value : values) {
      names.add(value.name());
    }
    return Set.copyOf(names);
  }
}
