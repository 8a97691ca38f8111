package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Received;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;
import dev.pulse.schema.WireOperations;

/** What arrives at a Pulse-like server, field by field. */
class ReportingTest {

  @TempDir Path dir;
  private FakePulseServer server;
  private PulseTelemetry telemetry;

  @BeforeEach
  void start() throws Exception {
    server = FakePulseServer.start();
  }

  @AfterEach
  void stop() {
    if (telemetry != null) {
      telemetry.close();
    }
    server.close();
  }

  private PulseTelemetry build() {
    telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx-1")
        .set(SettingKey.CLIENT_ID, "cloud-7")
        .build();
    return telemetry;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> telemetries(Received r) {
    return (List<Map<String, Object>>) r.variables().get("telemetries");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> telemetry) {
    return (Map<String, Object>) telemetry.get("data");
  }

  private List<Map<String, Object>> allUsage() {
    return server.received(WireOperations.SEND_TELEMETRIES_NAME).stream()
        .flatMap(r -> telemetries(r).stream()).toList();
  }

  private long countOf(EventType type) {
    return allUsage().stream().filter(t -> type.name().equals(data(t).get("eventType")))
        .mapToLong(t -> (Long) data(t).get("count")).sum();
  }

  @Test
  void sendsStartedAndActiveAtStartWithTheComponentIdentity() {
    build();

    Await.until(() -> !server.received(WireOperations.SEND_TELEMETRIES_NAME).isEmpty(), "first batch");

    Received r = server.received(WireOperations.SEND_TELEMETRIES_NAME).get(0);
    assertThat(r.path()).isEqualTo(WireOperations.PATH);
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.contentEncoding()).isEqualTo("gzip");
    assertThat(r.upgrade()).as("a protocol upgrade asked of a server that speaks HTTP/1.1").isNull();
    assertThat(r.query()).isEqualTo(WireOperations.SEND_TELEMETRIES);
    assertThat(telemetries(r)).extracting(t -> data(t).get("eventType")).containsExactly("STARTED", "ACTIVE");
    @SuppressWarnings("unchecked")
    Map<String, Object> component = (Map<String, Object>) telemetries(r).get(0).get("component");
    assertThat(component).containsEntry("componentType", "INTENTS_OPERATOR")
        .containsEntry("contextId", "ctx-1")
        .containsEntry("version", "v1.2.3")
        .containsEntry("cloudClientId", "cloud-7");
    assertThat((String) component.get("componentInstanceId")).matches("[0-9a-f-]{36}");
    assertThat(data(telemetries(r).get(0))).containsEntry("count", 1L).containsEntry("error", "");
  }

  @Test
  void combinesUsageWithinABatchAsTheCatalogSays() {
    build();
    for (int i = 0; i < 1000; i++) {
      telemetry.send(EventType.NETWORK_POLICIES_CREATED, 2);
      telemetry.send(EventType.INTENTS_APPLIED, i);
    }
    telemetry.flush();

    Await.until(() -> countOf(EventType.NETWORK_POLICIES_CREATED) == 2000, "the delta sum");
    Await.until(() -> allUsage().stream().anyMatch(t -> "INTENTS_APPLIED".equals(data(t).get("eventType"))
        && Long.valueOf(999).equals(data(t).get("count"))), "the latest level");
    assertThat(allUsage().stream().filter(t -> "NETWORK_POLICIES_CREATED".equals(data(t).get("eventType"))))
        .hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void sendsTheNumberOfDistinctKeys() {
    build();
    for (String ns : List.of("a", "b", "c", "a", "b")) {
      telemetry.incrementUnique(EventType.NAMESPACE_DISCOVERED, telemetry.anonymize(ns));
    }
    telemetry.flush();

    Await.until(() -> allUsage().stream().anyMatch(t -> "NAMESPACE_DISCOVERED".equals(data(t).get("eventType"))
        && Long.valueOf(3).equals(data(t).get("count"))), "3 distinct namespaces");
    assertThat(server.received().stream().map(Received::body)).noneMatch(b -> b.contains(telemetry.anonymize("a")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void reportsErrorsWithTheirCauseChain() {
    build();
    telemetry.reportError(new IllegalStateException("reconcile failed", new java.io.IOException("refused")),
        Map.of("logger", "operator", "user", "alice"));
    telemetry.flush();

    Await.until(() -> !server.received(WireOperations.REPORT_ERRORS_NAME).isEmpty(), "an error report");
    Received r = server.received(WireOperations.REPORT_ERRORS_NAME).get(0);
    assertThat(r.query()).isEqualTo(WireOperations.REPORT_ERRORS);
    assertThat((Map<String, Object>) r.variables().get("component")).containsEntry("contextId", "ctx-1");
    Map<String, Object> error = ((List<Map<String, Object>>) r.variables().get("errors")).get(0);
    assertThat(error).containsEntry("message", "reconcile failed")
        .containsEntry("errorClass", "java.lang.IllegalStateException");
    assertThat((Map<String, Object>) error.get("cause")).containsEntry("errorClass", "java.io.IOException");
    assertThat((List<Object>) error.get("metadata")).containsExactly(Map.of("key", "logger", "value", "operator"));
    Map<String, Object> frame = ((List<Map<String, Object>>) error.get("stack")).get(0);
    assertThat(frame).containsEntry("file", "ReportingTest.java").containsEntry("package", "dev.pulse.client");
  }

  @Test
  void sendsActiveAgainEveryActiveInterval() {
    telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx-1")
        .set(SettingKey.TELEMETRY_ACTIVE_INTERVAL_DURATION, "100ms")
        .build();

    Await.until(() -> allUsage().stream().filter(t -> "ACTIVE".equals(data(t).get("eventType"))).count() >= 3,
        "three ACTIVE heartbeats");
    assertThat(allUsage().stream().filter(t -> "STARTED".equals(data(t).get("eventType")))).hasSize(1);
  }

  @Test
  void splitsUsageIntoBatchesOfAtMostTheMaxBatchSize() {
    telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx-1")
        .set(SettingKey.TELEMETRY_MAX_BATCH_SIZE, "2")
        .build();
    for (EventType type : EventType.values()) {
      telemetry.send(type, 1);
    }
    telemetry.flush();

    Await.until(() -> allUsage().size() >= EventType.values().length, "every type");
    assertThat(server.received(WireOperations.SEND_TELEMETRIES_NAME))
        .allSatisfy(r -> assertThat(telemetries(r)).hasSizeLessThanOrEqualTo(2));
  }

  @Test
  void closeFlushesWhatIsBuffered() {
    build();
    telemetry.send(EventType.MAPPER_EXPORT, 5);
    telemetry.reportError(new RuntimeException("x"));

    assertThat(telemetry.close(java.time.Duration.ofSeconds(5))).isTrue();

    assertThat(countOf(EventType.MAPPER_EXPORT)).isEqualTo(5);
    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).hasSize(1);
    assertThat(telemetry.stats().sent()).isGreaterThanOrEqualTo(4); // STARTED, ACTIVE, export, error
    assertThat(telemetry.stats().dropped()).isZero();
  }

  @Test
  void usageOffStillSendsErrorsAndCountsIgnoredUsage() {
    telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx-1")
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
        .build();
    telemetry.send(EventType.MAPPER_EXPORT, 1);
    telemetry.reportError(new RuntimeException("x"));

    telemetry.close();

    assertThat(server.received(WireOperations.SEND_TELEMETRIES_NAME)).isEmpty();
    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).hasSize(1);
    assertThat(telemetry.stats().droppedDisabled()).isEqualTo(1);
  }

  @Test
  void errorsOffStillSendsUsage() {
    telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx-1")
        .set(SettingKey.TELEMETRY_ERRORS_ENABLED, "false")
        .build();
    telemetry.reportError(new RuntimeException("x"));

    telemetry.close();

    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).isEmpty();
    assertThat(server.received(WireOperations.SEND_TELEMETRIES_NAME)).isNotEmpty();
    assertThat(telemetry.stats().droppedDisabled()).isEqualTo(1);
  }

  @Test
  void pathologicalMessagesThroughReportErrorAndTheLogHandlerArriveScrubbedAndCut() {
    build();
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("com.acme.host.pathological");
    logger.setUseParentHandlers(false);
    java.util.logging.Handler handler = telemetry.logHandler();
    logger.addHandler(handler);
    List<String> units = List.of("/a", "a.", "12.", "\\a");
    try {
      for (String unit : units) {
        String message = "at /home/jane/app " + unit.repeat(8000 / unit.length());
        telemetry.reportError(new IllegalStateException(message));
        logger.severe(message);
      }
    } finally {
      logger.removeHandler(handler);
    }
    telemetry.flush();

    Await.until(() -> errorMessages().size() == 2 * units.size(), "every report");
    // Cut before scrubbing, back to the last whitespace: the unbroken run past it is never sent.
    assertThat(errorMessages()).containsOnly("at <path>…");
  }

  @SuppressWarnings("unchecked")
  private List<String> errorMessages() {
    return server.received(WireOperations.REPORT_ERRORS_NAME).stream()
        .flatMap(r -> ((List<Map<String, Object>>) r.variables().get("errors")).stream())
        .map(e -> (String) e.get("message")).toList();
  }
}
