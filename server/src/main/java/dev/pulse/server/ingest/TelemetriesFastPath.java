package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.schema.TelemetryInput;
import dev.pulse.schema.WireOperations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognizes the one request that carries nearly all the volume, the Go components' exact
 * {@code SendTelemetries} document with well-formed variables, and reads its events straight from
 * the body's JSON tokens into records. It skips building a tree of maps and graphql-java's execution
 * and variable coercion, which were most of the CPU and garbage a request cost.
 *
 * <p>It only ever answers "this body is certainly valid and means exactly this": every type, every
 * required field, every enum name and every input-object key is checked as the schema would, and
 * {@link InputReader} applies the same limits as on the general path. It declines anything else,
 * including every request that breaks a limit, every duplicate key and every malformed body; the
 * caller then sends it through graphql-java, which gives the precise error. So the two paths cannot
 * disagree on what is accepted. Thread-safe.
 *
 * <p>Two things keep it cheap on a batch from one install, where the items repeat each other. Member
 * names are first matched on their raw bytes against the name the Go components write next, before
 * any symbol-table lookup. And a string equal to the same member's previous value, or a component
 * equal to the previous item's, is the same object again: later stages (re-keying, the journal's
 * encoding, DuckDB's appender) then find repeats by identity.
 */
final class TelemetriesFastPath {

  private static final String VARIABLE = "telemetries";
  private static final Map<String, ComponentType> COMPONENT_TYPES = byName(ComponentType.values());
  private static final Map<String, EventType> EVENT_TYPES = byName(EventType.values());
  private static final MemberOrder ITEM = new MemberOrder("component", "data");
  private static final MemberOrder COMPONENT =
      new MemberOrder("componentType", "componentInstanceId", "contextId", "version", "cloudClientId");
  private static final MemberOrder DATA = new MemberOrder("eventType", "count", "error", "ebpf");
  private static final MemberOrder EBPF =
      new MemberOrder("containerImage", "executable", "executableHash", "programName", "podName", "podNamespace");

  private final JsonFactory json;
  private final InputReader reader;
  private final int maxItems;

  TelemetriesFastPath(JsonFactory json, InputReader reader, int maxItems) {
    this.json = json;
    this.reader = reader;
    this.maxItems = maxItems;
  }

  /** The body's events when it is a plain, valid {@code SendTelemetries}; null otherwise. */
  List<TelemetryInput> read(byte[] body) {
    try (JsonParser parser = json.createParser(body)) {
      List<TelemetryInput> items = request(parser);
      return parser.nextToken() == null ? items : null;
    } catch (Declined | InputViolation | IOException e) {
      return null;
    }
  }

  /** {@code {"query": ..., "operationName": ..., "variables": {...}}}; other members are ignored. */
  private List<TelemetryInput> request(JsonParser parser) throws IOException {
    expect(parser.nextToken() == JsonToken.START_OBJECT);
    boolean query = false;
    boolean operationName = false;
    List<TelemetryInput> items = null;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      switch (field) {
        case "query" -> {
          expect(!query && value == JsonToken.VALUE_STRING
              && WireOperations.SEND_TELEMETRIES.equals(parser.getText()));
          query = true;
        }
        case "operationName" -> {
          expect(!operationName && (value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_STRING
              && WireOperations.SEND_TELEMETRIES_NAME.equals(parser.getText())));
          operationName = true;
        }
        case "variables" -> {
          expect(items == null && value == JsonToken.START_OBJECT);
          items = variables(parser);
        }
        default -> parser.skipChildren();
      }
    }
    expect(query && items != null);
    return items;
  }

  /** {@code {"telemetries": [...]}}, the only variable. */
  private List<TelemetryInput> variables(JsonParser parser) throws IOException {
    expect(VARIABLE.equals(parser.nextFieldName()) && parser.nextToken() == JsonToken.START_ARRAY);
    List<TelemetryInput> items = new ArrayList<>();
    Repeats repeats = new Repeats();
    JsonToken next;
    while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
      expect(items.size() < maxItems);
      items.add(item(parser, items.size(), repeats));
    }
    expect(next == JsonToken.END_ARRAY && parser.nextToken() == JsonToken.END_OBJECT);
    return items;
  }

  /** {@code TelemetryInput}: both members required, no others. */
  private TelemetryInput item(JsonParser parser, int index, Repeats repeats) throws IOException {
    Component component = null;
    TelemetryData data = null;
    String field;
    for (int member = 0; (field = ITEM.next(parser, member)) != null; member++) {
      expect(parser.nextToken() == JsonToken.START_OBJECT);
      if (field.equals("component") && component == null) {
        component = component(parser, index, repeats);
      } else if (field.equals("data") && data == null) {
        data = data(parser, index, repeats);
      } else {
        throw Declined.INSTANCE;
      }
    }
    expect(component != null && data != null);
    return new TelemetryInput(component, data);
  }

  /** {@code Component}: every member but {@code cloudClientId} required. */
  private Component component(JsonParser parser, int index, Repeats repeats) throws IOException {
    ComponentType type = null;
    String instanceId = null;
    String contextId = null;
    String version = null;
    String cloudClientId = null;
    Members seen = new Members();
    String field;
    for (int member = 0; (field = COMPONENT.next(parser, member)) != null; member++) {
      JsonToken value = parser.nextToken();
      switch (field) {
        case "componentType" -> type = COMPONENT_TYPES.get(seen.first(0, required(parser, value, repeats.type)));
        case "componentInstanceId" -> instanceId = seen.first(1, required(parser, value, repeats.instanceId));
        case "contextId" -> contextId = seen.first(2, required(parser, value, repeats.contextId));
        case "version" -> version = seen.first(3, required(parser, value, repeats.version));
        case "cloudClientId" -> cloudClientId = seen.first(4, optional(parser, value, repeats.cloudClientId));
        default -> throw Declined.INSTANCE;
      }
    }
    expect(type != null && instanceId != null && contextId != null && version != null);
    Component last = repeats.component;
    if (last != null && last.componentType() == type && last.componentInstanceId() == instanceId
        && last.contextId() == contextId && last.version() == version && last.cloudClientId() == cloudClientId) {
      return last; // the same strings, already checked
    }
    repeats.component =
        reader.telemetryComponent(type, instanceId, contextId, version, cloudClientId, VARIABLE, index);
    return repeats.component;
  }

  /** {@code TelemetryData}: {@code eventType} required; {@code ebpf} checked, then dropped. */
  private TelemetryData data(JsonParser parser, int index, Repeats repeats) throws IOException {
    EventType type = null;
    int count = 0;
    String error = null;
    Members seen = new Members();
    String field;
    for (int member = 0; (field = DATA.next(parser, member)) != null; member++) {
      JsonToken value = parser.nextToken();
      switch (field) {
        case "eventType" -> type = EVENT_TYPES.get(seen.first(0, required(parser, value, repeats.eventType)));
        case "count" -> {
          seen.once(1);
          if (value != JsonToken.VALUE_NULL) {
            expect(value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT);
            count = parser.getIntValue();
          }
        }
        case "error" -> error = seen.first(2, optional(parser, value, repeats.error));
        case "ebpf" -> {
          seen.once(3);
          ebpf(parser, value, repeats.ebpf);
        }
        default -> throw Declined.INSTANCE;
      }
    }
    expect(type != null);
    return reader.telemetryData(type, count, error, VARIABLE, index);
  }

  /** {@code EbpfData}: null, or an object of the schema's members, each a string or null. */
  private static void ebpf(JsonParser parser, JsonToken value, Repeated text) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    expect(value == JsonToken.START_OBJECT);
    Members seen = new Members();
    String field;
    for (int member = 0; (field = EBPF.next(parser, member)) != null; member++) {
      int index = switch (field) {
        case "containerImage" -> 0;
        case "executable" -> 1;
        case "executableHash" -> 2;
        case "programName" -> 3;
        case "podName" -> 4;
        case "podNamespace" -> 5;
        default -> throw Declined.INSTANCE;
      };
      seen.first(index, optional(parser, parser.nextToken(), text));
    }
  }

  private static String required(JsonParser parser, JsonToken value, Repeated last) throws IOException {
    expect(value == JsonToken.VALUE_STRING);
    return last.read(parser);
  }

  private static String optional(JsonParser parser, JsonToken value, Repeated last) throws IOException {
    return value == JsonToken.VALUE_NULL ? null : required(parser, value, last);
  }

  private static void expect(boolean condition) {
    if (!condition) {
      throw Declined.INSTANCE;
    }
  }

  private static <E extends Enum<E>> Map<String, E> byName(E[] values) {
    Map<String, E> byName = new HashMap<>();
    for (E value : values) {
      byName.put(value.name(), value);
    }
    return Map.copyOf(byName);
  }

  /** The last value of each string member in this request, and the last component. */
  private static final class Repeats {
    final Repeated type = new Repeated();
    final Repeated instanceId = new Repeated();
    final Repeated contextId = new Repeated();
    final Repeated version = new Repeated();
    final Repeated cloudClientId = new Repeated();
    final Repeated eventType = new Repeated();
    final Repeated error = new Repeated();
    // ebpf values are checked and dropped: one Repeated serves all six, so that the usual empty
    // strings are decoded (which checks their UTF-8) without a String each.
    final Repeated ebpf = new Repeated();
    Component component;
  }

  /** The members of one input object seen so far: a repeated member declines the body. */
  private static final class Members {
    private int seen;

    void once(int member) {
      int bit = 1 << member;
      expect((seen & bit) == 0);
      seen |= bit;
    }

    <T> T first(int member, T value) {
      once(member);
      return value;
    }
  }

  /** Thrown to leave the parse as soon as the body is not one the fast path can take; no stack. */
  private static final class Declined extends RuntimeException {
    static final Declined INSTANCE = new Declined();

    private Declined() {
      super("not a plain SendTelemetries", null, false, false);
    }
  }
}
