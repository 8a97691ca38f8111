package dev.pulse.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErasureEndpointTest {

  private static final String OPERATOR_CONTEXT =
      "0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66";
  private static final String CLI_CONTEXT =
      "5501de25ed73debef1809db5ecf2ca644d35c1338c5a1597ba8ad28d3f044993";

  @TempDir Path dataDir;
  private TestServer server;

  @BeforeEach
  void startWithTwoInstalls() {
    server = TestServer.start(dataDir);
    assertThat(server.postTelemetry(TestServer.resource("/conformance/01-operator-started.json")).statusCode()).isEqualTo(200);
    assertThat(server.postTelemetry(TestServer.resource("/conformance/06-report-errors.json")).statusCode()).isEqualTo(200);
    assertThat(server.postTelemetry(TestServer.resource("/conformance/04-cli-command.json")).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eraseRemovesEveryRecordOfThatInstallOnlyAndReportsIt() {
    HttpResponse<String> response = delete("/api/v1/installs/" + OPERATOR_CONTEXT, TestServer.ADMIN_TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"contextId\":\"" + OPERATOR_CONTEXT + "\"")
        .contains("\"events\":2")
        .contains("\"cliCommands\":0")
        .contains("\"errors\":1");
    assertThat(server.events()).isEmpty();
    assertThat(server.errors()).isEmpty();
    assertThat(server.cliCommands()).hasSize(1);
    assertThat(server.cliCommands().get(0).identifier().contextId())
        .isEqualTo(server.keyer().rekey(CLI_CONTEXT));
  }

  @Test
  void erasingAnUnknownInstallRemovesNothing() {
    HttpResponse<String> response = delete("/api/v1/installs/not-an-install", TestServer.ADMIN_TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"events\":0").contains("\"cliCommands\":0").contains("\"errors\":0");
    assertThat(server.storedCount()).isEqualTo(4);
  }

  @Test
  void refusesWithoutTheAdminToken() {
    assertThat(delete("/api/v1/installs/" + OPERATOR_CONTEXT, "wrong-token-0123456789").statusCode()).isEqualTo(401);
    assertThat(server.events()).hasSize(2);
  }

  @Test
  void rejectsAnOverlongContextIdNamingTheLimit() {
    HttpResponse<String> response = delete("/api/v1/installs/" + "a".repeat(300), TestServer.ADMIN_TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("at most 256");
    assertThat(server.events()).hasSize(2);
  }

  private HttpResponse<String> delete(String path, String token) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token).DELETE().build());
  }
}
