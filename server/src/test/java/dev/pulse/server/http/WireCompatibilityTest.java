package dev.pulse.server.http;

import static dev.pulse.server.http.IngestLimitsEndpointTest.assertGraphQlError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests at the edges of the schema: the plain {@code SendTelemetries} request takes a shortcut
 * past graphql-java's coercion, so these pin that it accepts and refuses exactly what the schema does.
 */
class WireCompatibilityTest {

  @TempDir static Path dataDir;
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(dataDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void refusesAnUnknownFieldInAComponent() throws Exception {
    int before = server.storedCount();
    String body =
        Bodies.telemetries(1).replace("\"cloudClientId\":\"\"", "\"cloudClientId\":\"\",\"ip\":\"10.0.0.1\"");
    assertGraphQlError(server.postTelemetry(body), "BAD_USER_INPUT", "ip");
    assertThat(server.storedCount()).isEqualTo(before);
  }

  @Test
  void refusesANonStringEbpfField() throws Exception {
    int before = server.storedCount();
    String body = Bodies.telemetries(1).replace("\"podName\":\"\"", "\"podName\":7");
    HttpResponse<String> response = server.postTelemetry(body);
    assertThat(response.body()).contains("errors");
    assertThat(server.storedCount()).isEqualTo(before);
  }

  @Test
  void refusesAnOperationNameTheDocumentDoesNotHave() throws Exception {
    int before = server.storedCount();
    String body = Bodies.telemetries(1).replace("\"operationName\":\"SendTelemetries\"", "\"operationName\":\"Other\"");
    HttpResponse<String> response = server.postTelemetry(body);
    assertThat(response.body()).contains("errors").contains("Other");
    assertThat(server.storedCount()).isEqualTo(before);
  }

  @Test
  void acceptsANumericIdAsTheSchemaDoes() throws Exception {
    String body =
        Bodies.telemetries(1)
            .replace("\"componentInstanceId\":\"c0ffee00-1234-4abc-8def-0123456789ab\"", "\"componentInstanceId\":42");
    assertThat(server.postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server.events().get(server.events().size() - 1).component().componentInstanceId())
        .isEqualTo("42");
  }

  @Test
  void acceptsAnExplicitNullCountAndEbpfAsZeroAndNothing() throws Exception {
    String body =
        Bodies.sendTelemetries(
            "[{\"component\":" + Bodies.component("v1") + ",\"data\":{\"eventType\":\"ACTIVE\",\"count\":null,\"ebpf\":null}}]");
    assertThat(server.postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
    assertThat(server.events().get(server.events().size() - 1).data().count()).isZero();
    assertThat(server.events().get(server.events().size() - 1).data().error()).isEmpty();
  }

  @Test
  void acceptsTheDocumentWithoutAnOperationName() throws Exception {
    String body = Bodies.telemetries(2).replace(",\"operationName\":\"SendTelemetries\"", "");
    assertThat(server.postTelemetry(body).body()).isEqualTo("{\"data\":{\"sendTelemetries\":true}}");
  }
}
