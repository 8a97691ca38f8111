package dev.pulse.cli;

import dev.pulse.schema.WireOperations;
import java.util.Locale;

/** Request bodies for the process-level tests: each names its request by its componentInstanceId. */
final class TelemetryBodies {

  /** Events per request. */
  static final int EVENTS = 10;

  private TelemetryBodies() {}

  /**
   * The componentInstanceId naming request {@code n} of sender {@code thread} to server {@code server}:
   * a version 4 UUID, as components send, so the server stores it as sent and the export shows it.
   */
  static String requestId(int server, int thread, int n) {
    return String.format(Locale.ROOT, "%08x-%04x-4000-8000-%012x", server, thread, n);
  }

  /** The server a {@link #requestId} was sent to. */
  static int server(String requestId) {
    return Integer.parseInt(requestId.substring(0, 8), 16);
  }

  /**
   * A {@code SendTelemetries} request of {@link #EVENTS} events from instance {@code instanceId}, of
   * one of eight installs (chosen by the instance id).
   */
  static String tenEvents(String instanceId) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < EVENTS; i++) {
      if (i > 0) {
        items.append(',');
      }
      items.append("{\"component\":{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"")
          .append(instanceId)
          .append("\",\"contextId\":\"ctx-").append(instanceId.hashCode() & 7)
          .append("\",\"version\":\"v1.5.0\",\"cloudClientId\":\"\"},")
          .append("\"data\":{\"eventType\":\"SERVICE_DISCOVERED\",\"count\":").append(i).append("}}");
    }
    String query = WireOperations.SEND_TELEMETRIES.replace("\n", "\\n").replace("\t", "\\t");
    return "{\"query\":\"" + query + "\",\"variables\":{\"telemetries\":[" + items + "]},\"operationName\":\"SendTelemetries\"}";
  }
}
