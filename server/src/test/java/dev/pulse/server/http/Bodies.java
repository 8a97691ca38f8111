package dev.pulse.server.http;

import dev.pulse.schema.WireOperations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies for endpoint tests, built as text so that even absurdly deep ones cost no recursion
 * in the test itself.
 */
public final class Bodies {

  static final String CONTEXT_ID = "0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66";

  private Bodies() {}

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  static String component(String version) {
    return "{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"c0ffee00-1234-4abc-8def-0123456789ab\","
        + "\"contextId\":\"" + CONTEXT_ID + "\",\"version\":" + quote(version) + ",\"cloudClientId\":\"\"}";
  }

  public static String event(String version, String eventType, int count, String error) {
    return "{\"component\":" + component(version) + ",\"data\":{\"eventType\":\"" + eventType
        + "\",\"count\":" + count + ",\"error\":" + quote(error)
        + ",\"ebpf\":{\"containerImage\":\"\",\"executable\":\"\",\"executableHash\":\"\","
        + "\"programName\":\"\",\"podName\":\"\",\"podNamespace\":\"\"}}}";
  }

  public static String telemetries(int events) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < events; i++) {
      items.append(i == 0 ? "" : ",").append(event("v1.5.0", "INTENTS_DISCOVERED", i, ""));
    }
    return sendTelemetries("[" + items + "]");
  }

  public static String sendTelemetries(String list) {
    return "{\"query\":" + quote(WireOperations.SEND_TELEMETRIES) + ",\"variables\":{\"telemetries\":"
        + list + "},\"operationName\":\"SendTelemetries\"}";
  }

  static String sendCli(String modifiers) {
    return "{\"query\":" + quote(WireOperations.SEND_CLI_TELEMETRY) + ",\"variables\":{\"telemetry\":"
        + "{\"identifier\":{\"version\":\"v2.0.3\",\"contextId\":\"" + CONTEXT_ID + "\",\"cloudClientId\":\"\"},"
        + "\"command\":{\"noun\":\"mapper\",\"verb\":\"export\",\"modifiers\":" + modifiers + "}}},"
        + "\"operationName\":\"SendCLITelemetry\"}";
  }

  static String sendErrors(String errorList) {
    return "{\"query\":" + quote(WireOperations.REPORT_ERRORS) + ",\"variables\":{\"component\":"
        + component("v3.0.2") + ",\"errors\":" + errorList + "},\"operationName\":\"ReportErrors\"}";
  }

  static String frame(int line) {
    return "{\"file\":\"/src/reconciler.go\",\"lineNumber\":" + line
        + ",\"name\":\"(*Reconciler).Reconcile\",\"package\":\"networkpolicy\"}";
  }

  static String frames(int n) {
    StringBuilder frames = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      frames.append(i == 0 ? "" : ",").append(frame(i));
    }
    return frames.append(']').toString();
  }

  static String metadata(int n) {
    StringBuilder entries = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      entries.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
    }
    return entries.append(']').toString();
  }

  /** An error whose cause chain holds {@code depth} errors in all, each with a frame. */
  static String errorChain(int depth) {
    StringBuilder json = new StringBuilder(depth * 160);
    for (int i = 0; i < depth; i++) {
      json.append("{\"message\":\"level ").append(i).append("\",\"errorClass\":\"*errors.errorString\",")
          .append("\"stack\":[").append(frame(i)).append("],\"metadata\":null,\"cause\":");
    }
    json.append("null");
    for (int i = 0; i < depth; i++) {
      json.append('}');
    }
    return json.toString();
  }

  /** A minimal cause chain of {@code depth} errors. */
  static String bareErrorChain(int depth) {
    StringBuilder json = new StringBuilder(depth * 48);
    for (int i = 0; i < depth; i++) {
      json.append("{\"message\":\"m\",\"errorClass\":\"e\",\"cause\":");
    }
    json.append("null");
    for (int i = 0; i < depth; i++) {
      json.append('}');
    }
    return json.toString();
  }

  static String error(String message, String stack, String metadata) {
    return "{\"message\":" + quote(message) + ",\"errorClass\":\"*errors.errorString\",\"cause\":null,"
        + "\"stack\":" + stack + ",\"metadata\":" + metadata + "}";
  }

  static String query(String query) {
    return "{\"query\":" + quote(query) + "}";
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code mebibytes} MiB of spaces (legal JSON whitespace, so only the size bound can stop it) as
   * concatenated gzip members of 1 MiB each (valid gzip), never held uncompressed.
   */
  static byte[] gzipOfSpaces(int mebibytes) {
    byte[] spaces = new byte[1 << 20];
    java.util.Arrays.fill(spaces, (byte) ' ');
    byte[] member = gzip(spaces);
    byte[] bomb = new byte[member.length * mebibytes];
    for (int i = 0; i < mebibytes; i++) {
      System.arraycopy(member, 0, bomb, i * member.length, member.length);
    }
    return bomb;
  }
}
