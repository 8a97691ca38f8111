package dev.pulse.client.send;

import java.util.List;
import dev.pulse.client.json.JsonParser;
import dev.pulse.client.json.JsonWriter;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.schema.WireOperations;

/**
 * Writes request bodies exactly as the newer Go clients do: compact JSON, fields in their order,
 * {@code query}, {@code variables}, {@code operationName}; usage data always carries {@code error: ""}
 * and an {@code ebpf} object of empty strings; an error's absent cause and metadata are {@code null}.
 * Every string is written as the server stores it ({@link ServerLimits#storable}): a NUL or half a
 * surrogate pair in any field, which the server would refuse with the whole request, is U+FFFD.
 */
public final class PayloadWriter {

  private static final String[] EBPF_FIELDS = {
    "containerImage", "executable", "executableHash", "programName", "podName", "podNamespace"
  };

  private PayloadWriter() {}

  /** A {@code SendTelemetries} body. */
  public static String sendTelemetries(Component component, List<TelemetryData> data) {
    JsonWriter w = begin(WireOperations.SEND_TELEMETRIES);
    w.name("telemetries").beginArray();
    for (TelemetryData d : data) {
      w.beginObject().name("component");
      component(w, component);
      w.name("data").beginObject()
          .name("eventType").value(d.eventType().name())
          .name("count").value(d.count())
          .name("error").value(d.error())
          .name("ebpf").beginObject();
      for (String field : EBPF_FIELDS) {
        w.name(field).value("");
      }
      w.endObject().endObject().endObject();
    }
    w.endArray();
    return end(w, WireOperations.SEND_TELEMETRIES_NAME);
  }

  /** A {@code ReportErrors} body. */
  public static String reportErrors(Component component, List<ReportedError> errors) {
    JsonWriter w = begin(WireOperations.REPORT_ERRORS);
    w.name("component");
    component(w, component);
    w.name("errors").beginArray();
    for (ReportedError e : errors) {
      error(w, e, 0);
    }
    w.endArray();
    return end(w, WireOperations.REPORT_ERRORS_NAME);
  }

  /** A {@code SendCLITelemetry} body. */
  public static String sendCliTelemetry(CliTelemetry telemetry) {
    JsonWriter w = begin(WireOperations.SEND_CLI_TELEMETRY);
    w.name("telemetry").beginObject()
        .name("identifier").beginObject()
        .name("version").value(telemetry.identifier().version())
        .name("contextId").value(telemetry.identifier().contextId())
        .name("cloudClientId").value(telemetry.identifier().cloudClientId())
        .endObject()
        .name("command").beginObject()
        .name("noun").value(telemetry.command().noun())
        .name("verb").value(telemetry.command().verb())
        .name("modifiers").beginArray();
    for (String modifier : telemetry.command().modifiers()) {
      w.value(modifier);
    }
    w.endArray().endObject().endObject();
    return end(w, WireOperations.SEND_CLI_TELEMETRY_NAME);
  }

  /** Whether {@code body}, a request written here (perhaps by an earlier run), is a {@code ReportErrors}. */
  static boolean carriesErrors(String body) {
    try {
      return WireOperations.REPORT_ERRORS.equals(JsonParser.path(JsonParser.parse(body), "query"));
    } catch (IllegalArgumentException notJson) {
      return false;
    }
  }

  private static JsonWriter begin(String query) {
    JsonWriter w = new JsonWriter(ServerLimits::storable); // every string as the server stores it
    w.beginObject().name("query").value(query).name("variables").beginObject();
    return w;
  }

  private static String end(JsonWriter w, String operationName) {
    w.endObject().name("operationName").value(operationName).endObject();
    return w.toString();
  }

  private static void component(JsonWriter w, Component c) {
    w.beginObject()
        .name("componentType").value(c.componentType().name())
        .name("componentInstanceId").value(c.componentInstanceId())
        .name("contextId").value(c.contextId())
        .name("version").value(c.version())
        .name("cloudClientId").value(c.cloudClientId())
        .endObject();
  }

  private static void error(JsonWriter w, ReportedError e, int depth) {
    // The chain is already capped by the mapper; the writer's nesting is bounded too (128 levels).
    w.beginObject()
        .name("message").value(e.message())
        .name("errorClass").value(e.errorClass())
        .name("cause");
    if (e.cause() == null || depth >= 40) {
      w.nullValue();
    } else {
      error(w, e.cause(), depth + 1);
    }
    w.name("stack").beginArray();
    for (StackFrame f : e.stack()) {
      w.beginObject()
          .name("file").value(f.file())
          .name("lineNumber").value(f.lineNumber())
          .name("name").value(f.name())
          .name("package").value(f.packageName())
          .endObject();
    }
    w.endArray().name("metadata");
    if (e.metadata().isEmpty()) {
      w.nullValue();
    } else {
      w.beginArray();
      for (MetadataEntry m : e.metadata()) {
        w.beginObject().name("key").value(m.key()).name("value").value(m.value()).endObject();
      }
      w.endArray();
    }
    w.endObject();
  }
}
