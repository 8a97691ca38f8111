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
  void eraseSaysTheIdMatchedAsAContextId() {
    HttpResponse<String> response = delete("/api/v1/installs/" + CLI_CONTEXT, TestServer.ADMIN_TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"matched\":\"contextId\"", "\"dryRun\":false", "\"removed\":{", "\"cliCommands\":1");
    assertThat(server.cliCommands()).isEmpty();
  }

  @Test
  void eraseAcceptsTheStoredIdAsAnExportShowsIt() {
    String stored = server.events().get(0).component().contextId();

    HttpResponse<String> response = delete("/api/v1/installs/" + stored, TestServer.ADMIN_TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"contextId\":\"" + stored + "\"", "\"matched\":\"storedKey\"", "\"events\":2", "\"errors\":1");
    assertThat(server.events()).isEmpty();
    assertThat(server.errors()).isEmpty();
    assertThat(server.cliCommands()).hasSize(1);
  }

  @Test
  void dryRunReportsWhatWouldGoAndRemovesNothing() {
    for (String id : new String[] {OPERATOR_CONTEXT, server.keyer().rekey(OPERATOR_CONTEXT)}) {
      HttpResponse<String> response =
          delete("/api/v1/installs/" + id + "?dryRun=true", TestServer.ADMIN_TOKEN);

      assertThat(response.statusCode()).as(id).isEqualTo(200);
      assertThat(response.body())
          .as(id)
          .contains("\"dryRun\":true", "\"wouldRemove\":{", "\"events\":2", "\"errors\":1")
          .doesNotContain("\"removed\"");
    }
    assertThat(server.storedCount()).isEqualTo(4);
  }

  @Test
  void aDryRunWithoutTrueOrFalseIsRefusedAndErasesNothing() {
    for (String query : new String[] {"?dryRun", "?dryRun=", "?dryRun=maybe"}) {
      HttpResponse<String> response = delete("/api/v1/installs/" + OPERATOR_CONTEXT + query, TestServer.ADMIN_TOKEN);

      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.body()).as(query).contains("BAD_DRY_RUN", "dryRun must be true or false, not ");
    }
    assertThat(server.storedCount()).isEqualTo(4);
  }

  @Test
  void aMisspeltOrRepeatedDryRunIsRefusedAndErasesNothing() {
    HttpResponse<String> misspelt = delete("/api/v1/installs/" + OPERATOR_CONTEXT + "?dryrun=true", TestServer.ADMIN_TOKEN);
    assertThat(misspelt.statusCode()).isEqualTo(400);
    assertThat(misspelt.body())
        .contains("BAD_PARAMETER", "dryrun: not a parameter of an erasure (did you mean dryRun?); it takes dryRun");
    HttpResponse<String> twice =
        delete("/api/v1/installs/" + OPERATOR_CONTEXT + "?dryRun=true&dryRun=false", TestServer.ADMIN_TOKEN);
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.body()).contains("dryRun: given 2 times; give it once");
    assertThat(server.storedCount()).isEqualTo(4);
  }

  @Test
  void erasingAnUnknownInstallIs404AndRemovesNothing() {
    for (String id : new String[] {"not-an-install", "ab".repeat(32)}) {
      HttpResponse<String> response = delete("/api/v1/installs/" + id, TestServer.ADMIN_TOKEN);

      assertThat(response.statusCode()).as(id).isEqualTo(404);
      assertThat(response.body())
          .as(id)
          .contains("INSTALL_NOT_FOUND")
          .contains("no records of install " + id)
          // the message cleaner once took our backquoted command for a Java type: "(as a value prints it)"
          .contains("it is neither a contextId (as `pulse status` prints it) nor a stored contextId")
          .contains("nothing was removed");
    }
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
