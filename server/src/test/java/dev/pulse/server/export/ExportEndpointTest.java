package dev.pulse.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The NDJSON export and the bearer guard of everything under {@code /api/}. */
class ExportEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  @BeforeAll
  static void startAndIngestConformanceFixtures() {
    for (String file :
        List.of("01-operator-started.json", "05-cli-modifiers.json", "06-report-errors.json")) {
      assertThat(server().postTelemetry(TestServer.resource("/conformance/" + file)).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void refusesRequestsWithoutTheAdminToken() throws Exception {
    for (String path : List.of("/api/v1/export/events", "/api/v1/anything", "/api/v1/export/nope")) {
      HttpResponse<String> response = server().get(path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          v -> assertThat(v).startsWith("Bearer"));
      assertThat(JSON.readTree(response.body()).at("/errors/0/extensions/code").asText())
          .isEqualTo("UNAUTHORIZED");
    }
    assertThat(server().get("/api/v1/export/events", "wrong-token-wrong-token").statusCode())
        .isEqualTo(401);
  }

  @Test
  void exportsEventsAsNdjsonWithTheStoredContextId() throws Exception {
    HttpResponse<String> response = server().get("/api/v1/export/events", TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
    String[] lines = response.body().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines[0]);
    assertThat(first.get("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(first.get("componentType").asText()).isEqualTo("INTENTS_OPERATOR");
    assertThat(first.get("componentInstanceId").asText()).isEqualTo("8a6d3b52-2f4e-4c0b-9a57-1e2f3c4d5e6f");
    assertThat(first.get("contextId").asText())
        .isEqualTo(server().keyer().rekey("0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66"));
    assertThat(first.get("version").asText()).isEqualTo("v3.0.2");
    assertThat(first.get("cloudClientId").asText()).isEmpty();
    assertThat(first.get("eventType").asText()).isEqualTo("STARTED");
    assertThat(first.get("count").asInt()).isEqualTo(1);
    assertThat(first.get("error").asText()).isEmpty();
    assertThat(first.has("ebpf")).isFalse();
    assertThat(ExportFormat.readEvent(lines[1])).isEqualTo(server().events().get(1));
  }

  @Test
  void exportsCliCommands() throws Exception {
    HttpResponse<String> response = server().get("/api/v1/export/cli", TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode line = JSON.readTree(response.body().trim());
    assertThat(line.get("noun").asText()).isEqualTo("env");
    assertThat(line.get("verb").asText()).isEqualTo("update");
    assertThat(line.get("modifiers").get(0).asText()).isEqualTo("add-labels");
    assertThat(line.get("cloudClientId").asText()).isEqualTo("cli_1a2b3c");
    assertThat(line.get("version").asText()).isEqualTo("v2.0.3");
    assertThat(ExportFormat.readCliCommand(response.body().trim())).isEqualTo(server().cliCommands().get(0));
  }

  @Test
  void exportsErrorsWithTheErrorAsSent() throws Exception {
    HttpResponse<String> response = server().get("/api/v1/export/errors", TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode line = JSON.readTree(response.body().trim());
    assertThat(line.get("fingerprint").asText()).isEqualTo(server().errors().get(0).fingerprint());
    JsonNode error = line.get("error");
    assertThat(error.get("message").asText()).startsWith("failed reconciling network policies");
    assertThat(error.get("errorClass").asText()).isEqualTo("*errors.errorString");
    assertThat(error.at("/cause/message").asText()).isEqualTo("context deadline exceeded");
    assertThat(error.at("/stack/1/package").asText()).isEqualTo("controller");
    assertThat(error.at("/stack/0/lineNumber").asInt()).isEqualTo(141);
    assertThat(error.at("/metadata/0/key").asText()).isEqualTo("reconciler");
    assertThat(ExportFormat.readError(response.body().trim())).isEqualTo(server().errors().get(0));
  }

  @Test
  void answersAnUnknownKindWith404() throws Exception {
    HttpResponse<String> response = server().get("/api/v1/export/users", TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText()).contains("users");
  }

  @Test
  void refusesAParameterInsteadOfIgnoringIt() throws Exception {
    HttpResponse<String> response = server().get("/api/v1/export/events?format=csv", TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText())
        .isEqualTo("format: not a parameter of an export; it takes from, to");
  }
}
