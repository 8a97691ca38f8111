package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK against the real Pulse server of this build: what is reported is what is stored. */
class EndToEndTest {

  private static final String CONTEXT_ID = "e2e-context-0123456789";

  @TempDir Path dataDir;
  @TempDir Path configDir;
  private PulseServer server;

  @BeforeEach
  void startServer() {
    server =
        PulseServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .adminToken("end-to-end-admin-token-0123")
                .build());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void usageEventsUniqueCountersAndHeartbeatsAreStoredWithTheirFields() throws IOException {
    try (PulseTelemetry telemetry =
        TestTelemetry.builder(apiAddress(), configDir)
            .contextId(CONTEXT_ID)
            .set(SettingKey.CLIENT_ID, "cloud-e2e")
            .set(SettingKey.TELEMETRY_ACTIVE_INTERVAL_DURATION, "1s")
            .build()) {
      telemetry.send(EventType.NETWORK_POLICIES_CREATED, 3);
      telemetry.send(EventType.NETWORK_POLICIES_CREATED, 4);
      telemetry.send(EventType.SERVICE_DISCOVERED, 10);
      telemetry.send(EventType.SERVICE_DISCOVERED, 12);
      telemetry.incrementUnique(EventType.NAMESPACE_DISCOVERED, telemetry.anonymize("default"));
      telemetry.incrementUnique(EventType.NAMESPACE_DISCOVERED, telemetry.anonymize("kube-system"));
      telemetry.incrementUnique(EventType.NAMESPACE_DISCOVERED, telemetry.anonymize("default"));
      Await.until(
          () -> storedEvents().stream().anyMatch(e -> e.data().eventType() == EventType.ACTIVE),
          Duration.ofSeconds(20),
          "an ACTIVE heartbeat stored");
    }

    List<StoredEvent> events = storedEvents();
    String storedKey = ContextKeyFile.load(null, dataDir).rekey(CONTEXT_ID);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.component().componentType()).isEqualTo(ComponentType.INTENTS_OPERATOR);
      assertThat(e.component().contextId()).isEqualTo(storedKey);
      assertThat(e.component().version()).isEqualTo("v1.2.3");
      assertThat(e.component().cloudClientId()).isEqualTo("cloud-e2e");
      assertThat(e.component().componentInstanceId()).matches("[0-9a-f-]{36}");
    });
    Map<EventType, Long> totals = events.stream()
        .filter(e -> e.data().eventType() == EventType.NETWORK_POLICIES_CREATED)
        .collect(Collectors.groupingBy(e -> e.data().eventType(), Collectors.summingLong(e -> e.data().count())));
    assertThat(totals).containsEntry(EventType.NETWORK_POLICIES_CREATED, 7L);
    assertThat(last(events, EventType.SERVICE_DISCOVERED)).isEqualTo(12);
    assertThat(last(events, EventType.NAMESPACE_DISCOVERED)).isEqualTo(2);
    assertThat(events).filteredOn(e -> e.data().eventType() == EventType.STARTED).hasSize(1);
  }

  @Test
  void errorsArriveWithTheirCauseChainAndStack() {
    try (PulseTelemetry telemetry = TestTelemetry.builder(apiAddress(), configDir).contextId(CONTEXT_ID).build()) {
      telemetry.reportError(new IllegalStateException("reconcile failed", new java.io.IOException("timed out")));
    }
    List<StoredError> errors = new ArrayList<>();
    server.store().forEachError(errors::add);
    assertThat(errors).hasSize(1);
    StoredError stored = errors.get(0);
    assertThat(stored.error().errorClass()).isEqualTo("java.lang.IllegalStateException");
    assertThat(stored.error().cause().errorClass()).isEqualTo("java.io.IOException");
    assertThat(stored.error().stack()).isNotEmpty();
    assertThat(stored.error().stack().get(0).file()).isEqualTo("EndToEndTest.java");
    assertThat(stored.fingerprint()).isNotBlank();
  }

  @Test
  void cliCommandsArriveAsNounVerbAndModifiers() {
    try (PulseTelemetry cli =
        TestTelemetry.builder(apiAddress(), configDir)
            .componentType(ComponentType.CLI)
            .contextId(CONTEXT_ID)
            .commandWords(List.of("env", "update", "add-labels"))
            .build()) {
      cli.reportCommand(List.of("otterize", "env", "update", "add-labels", "--name", "secret-value"));
    }
    List<StoredCliCommand> commands = new ArrayList<>();
    server.store().forEachCliCommand(commands::add);
    assertThat(commands).hasSize(1);
    assertThat(commands.get(0).command().noun()).isEqualTo("env");
    assertThat(commands.get(0).command().verb()).isEqualTo("update");
    assertThat(commands.get(0).command().modifiers()).containsExactly("add-labels");
    assertThat(commands.get(0).identifier().version()).isEqualTo("v1.2.3");
  }

  private String apiAddress() {
    return "http://127.0.0.1:" + server.port();
  }

  private List<StoredEvent> storedEvents() {
    List<StoredEvent> events = new ArrayList<>();
    server.store().forEachEvent(events::add);
    return events;
  }

  private static int last(List<StoredEvent> events, EventType type) {
    return events.stream().filter(e -> e.data().eventType() == type).reduce((a, b) -> b).orElseThrow().data().count();
  }
}
