package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import dev.pulse.server.errorjson.ReportedErrorJson;
import dev.pulse.server.ingest.ErrorFingerprint;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the shared conformance suite ({@code conformance/cases.json}): the answer, and that
 * accepted requests are stored field by field (contextId re-keyed) while rejected ones store nothing.
 */
class ConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  static Stream<Arguments> cases() throws Exception {
    JsonNode cases = JSON.readTree(TestServer.resource("/conformance/cases.json"));
    List<Arguments> arguments = new ArrayList<>();
    for (JsonNode c : cases) {
      arguments.add(Arguments.of(c.get("file").asText(), c));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyConformanceCaseIsAnsweredAndStoredAsSpecified(String file, JsonNode expected)
      throws Exception {
    String body = TestServer.resource("/conformance/" + file);
    try (TestServer server = TestServer.start(dataDir)) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      HttpResponse<String> response = server.postTelemetry(body);
      Instant after = Instant.now();

      assertThat(response.statusCode()).isEqualTo(expected.get("status").asInt());
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/json"));
      JsonNode answer = JSON.readTree(response.body());
      JsonNode expect = expected.get("expect");
      if (expect.path("data").isObject()) {
        assertThat(answer).isEqualTo(expect);
        assertStored(server, JSON.readTree(body).get("variables"), before, after);
      } else {
        assertThat(answer.get("errors")).isNotEmpty();
        assertThat(answer.path("data").isMissingNode() || answer.get("data").isNull()).isTrue();
        String named = file.contains("unknown-event") ? "NOT_A_REAL_EVENT" : "contextId";
        assertThat(answer.get("errors").get(0).get("message").asText()).contains(named);
        assertThat(answer.get("errors").get(0).at("/extensions/code").asText()).isNotEmpty();
        assertThat(server.storedCount()).isZero();
      }
    }
  }

  private static void assertStored(TestServer server, JsonNode variables, Instant before, Instant after) {
    ContextKeyer keyer = server.keyer();
    if (variables.has("telemetries")) {
      assertEvents(server.events(), variables.get("telemetries"), keyer, before, after);
      assertThat(server.cliCommands()).isEmpty();
      assertThat(server.errors()).isEmpty();
    } else if (variables.has("telemetry")) {
      assertCliCommand(server.cliCommands(), variables.get("telemetry"), keyer, before, after);
      assertThat(server.events()).isEmpty();
    } else {
      assertErrors(server.errors(), variables, keyer, before, after);
      assertThat(server.events()).isEmpty();
    }
  }

  private static void assertEvents(
      List<StoredEvent> stored, JsonNode sent, ContextKeyer keyer, Instant before, Instant after) {
    assertThat(stored).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      StoredEvent event = stored.get(i);
      JsonNode component = sent.get(i).get("component");
      JsonNode data = sent.get(i).get("data");
      assertThat(event.receivedAt()).isBetween(before, after).isEqualTo(stored.get(0).receivedAt());
      assertComponent(event.component(), component, keyer);
      assertThat(event.data().eventType().name()).isEqualTo(data.get("eventType").asText());
      assertThat(event.data().count()).isEqualTo(data.get("count").asInt());
      assertThat(event.data().error()).isEqualTo(data.path("error").asText(""));
    }
  }

  private static void assertCliCommand(
      List<StoredCliCommand> stored, JsonNode sent, ContextKeyer keyer, Instant before, Instant after) {
    assertThat(stored).hasSize(1);
    StoredCliCommand command = stored.get(0);
    JsonNode identifier = sent.get("identifier");
    assertThat(command.receivedAt()).isBetween(before, after);
    assertThat(command.identifier().version()).isEqualTo(identifier.get("version").asText());
    assertThat(command.identifier().contextId())
        .isEqualTo(keyer.rekey(identifier.get("contextId").asText()))
        .isNotEqualTo(identifier.get("contextId").asText());
    assertThat(command.identifier().cloudClientId()).isEqualTo(identifier.get("cloudClientId").asText());
    assertThat(command.command().noun()).isEqualTo(sent.at("/command/noun").asText());
    assertThat(command.command().verb()).isEqualTo(sent.at("/command/verb").asText());
    List<String> modifiers = new ArrayList<>();
    sent.at("/command/modifiers").forEach(m -> modifiers.add(m.asText()));
    assertThat(command.command().modifiers()).isEqualTo(modifiers);
  }

  private static void assertErrors(
      List<StoredError> stored, JsonNode variables, ContextKeyer keyer, Instant before, Instant after) {
    JsonNode sent = variables.get("errors");
    assertThat(stored).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      StoredError error = stored.get(i);
      assertThat(error.receivedAt()).isBetween(before, after);
      assertComponent(error.component(), variables.get("component"), keyer);
      assertThat(error.fingerprint()).isEqualTo(ErrorFingerprint.of(error.error())).hasSize(16);
      assertThat(ReportedErrorJson.toTree(error.error())).isEqualTo(normalized(sent.get(i)));
    }
  }

  /** The sent error with absent lists as empty lists, the form the store gives back. */
  private static JsonNode normalized(JsonNode error) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = error.deepCopy();
    for (com.fasterxml.jackson.databind.node.ObjectNode e = copy; e != null; ) {
      if (e.path("stack").isNull() || e.path("stack").isMissingNode()) {
        e.putArray("stack");
      }
      if (e.path("metadata").isNull() || e.path("metadata").isMissingNode()) {
        e.putArray("metadata");
      }
      JsonNode cause = e.get("cause");
      e = cause instanceof com.fasterxml.jackson.databind.node.ObjectNode o ? o : null;
    }
    return copy;
  }

  private static void assertComponent(
      dev.pulse.schema.Component stored, JsonNode sent, ContextKeyer keyer) {
    assertThat(stored.componentType().name()).isEqualTo(sent.get("componentType").asText());
    assertThat(stored.componentInstanceId()).isEqualTo(sent.get("componentInstanceId").asText());
    assertThat(stored.contextId())
        .isEqualTo(keyer.rekey(sent.get("contextId").asText()))
        .isNotEqualTo(sent.get("contextId").asText());
    assertThat(stored.version()).isEqualTo(sent.get("version").asText());
    assertThat(stored.cloudClientId()).isEqualTo(sent.get("cloudClientId").asText());
  }
}
