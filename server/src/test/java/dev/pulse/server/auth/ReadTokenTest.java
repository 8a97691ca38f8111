package dev.pulse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.TestServer;
import dev.pulse.server.auth.ApiTokens.Grant;
import dev.pulse.server.web.ErrorMessages;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read token: the dashboard and every read of {@code /api/}, but no import and no erasure. */
class ReadTokenTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READ_TOKEN = "team-read-token-0123456789";

  @TempDir static Path dataDir;
  private static TestServer server;
  private static String storedContextId;

  @BeforeAll
  static void startWithAReadTokenAndOneInstall() throws Exception {
    server = TestServer.start(dataDir, config -> config.readToken(READ_TOKEN));
    assertThat(server.postTelemetry(TestServer.resource("/conformance/01-operator-started.json")).statusCode())
        .isEqualTo(200);
    storedContextId = server.events().get(0).component().contextId();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void readsTheApiLikeTheAdminToken() {
    for (String path : new String[] {"/api/v1/export/events", "/api/v1/active-installs"}) {
      HttpResponse<String> asReader = server.get(path, READ_TOKEN);
      assertThat(asReader.statusCode()).as(path).isEqualTo(200);
      assertThat(asReader.body()).as(path).isEqualTo(server.get(path, TestServer.ADMIN_TOKEN).body());
    }
  }

  @Test
  void mayNotEraseAnInstallAndNothingIsRemoved() throws Exception {
    HttpResponse<String> refused = server.send(request("/api/v1/installs/" + storedContextId, READ_TOKEN)
        .DELETE().build());

    assertReadOnlyRefusal(refused, "DELETE /api/v1/installs/" + storedContextId);
    assertThat(server.events()).hasSize(2);
  }

  @Test
  void theRefusalQuotesALongPathCutAsEveryMessageDoes() throws Exception {
    String id = "a".repeat(5_000);
    HttpResponse<String> refused = server.send(request("/api/v1/installs/" + id, READ_TOKEN).DELETE().build());

    assertReadOnlyRefusal(refused, "DELETE /api/v1/installs/" + ErrorMessages.cut(id));
    assertThat(refused.body()).doesNotContain("a".repeat(100));
  }

  @Test
  void mayNotImportAndNothingIsLoaded() throws Exception {
    String line = server.get("/api/v1/export/events", TestServer.ADMIN_TOKEN).body().split("\n")[0]
        .replace(storedContextId, "another-install");
    HttpResponse<String> refused = server.send(request("/api/v1/import?kind=events", READ_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(line + "\n")).build());

    assertReadOnlyRefusal(refused, "POST /api/v1/import");
    assertThat(server.events()).extracting(event -> event.component().contextId()).containsOnly(storedContextId);
  }

  /** Only a route that changes something "needs the admin token"; one that takes no such method is 405 or 404 for both. */
  @Test
  void aMethodOrPathNoRouteTakesIsAnsweredAsForTheAdminToken() throws Exception {
    for (String path : new String[] {"/api/v1/versions", "/api/v1/nope"}) {
      HttpResponse<String> asReader = server.send(request(path, READ_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
      HttpResponse<String> asAdmin =
          server.send(request(path, TestServer.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());

      assertThat(asReader.statusCode()).as(path).isEqualTo(asAdmin.statusCode()).isIn(404, 405);
      assertThat(asReader.body()).as(path).isEqualTo(asAdmin.body()).doesNotContain("admin token");
    }
  }

  @Test
  void aReadWithoutATokenIsToldThatTheReadTokenWouldDoAWriteIsNot() throws Exception {
    HttpResponse<String> read = server.send(HttpRequest.newBuilder(server.uri("/api/v1/versions")).build());
    HttpResponse<String> write = server.send(HttpRequest.newBuilder(server.uri("/api/v1/installs/x")).DELETE().build());

    assertThat(read.statusCode()).isEqualTo(401);
    assertThat(read.body()).contains("needs Authorization: Bearer <admin token> (or the read token)");
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(write.body()).contains("needs Authorization: Bearer <admin token>").doesNotContain("read token");
  }

  @Test
  void anUnknownTokenIsNeitherAndIsRefusedAsBefore() throws Exception {
    HttpResponse<String> refused = server.get("/api/v1/export/events", "someone-elses-token-0123");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).at("/errors/0/message").asText())
        .isEqualTo("the bearer token is neither the admin token nor the read token");
  }

  /** A token sent with another scheme is told as such, not as a wrong token, and never echoed. */
  @Test
  void aTokenSentWithAnotherSchemeIsToldWhichSchemeToUse() throws Exception {
    for (String header : new String[] {"Basic " + READ_TOKEN, READ_TOKEN}) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/versions"))
          .header("Authorization", header).build());

      assertThat(refused.statusCode()).as(header).isEqualTo(401);
      assertThat(JSON.readTree(refused.body()).at("/errors/0/message").asText()).as(header)
          .isEqualTo("the Authorization header must be Bearer <token>, not "
              + (header.startsWith("Basic") ? "the Basic scheme" : "a value without a scheme"));
      assertThat(refused.body()).doesNotContain(READ_TOKEN);
    }
  }

  @Test
  void signsInToTheDashboard() throws Exception {
    HttpResponse<String> signedIn = server.send(HttpRequest.newBuilder(server.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(READ_TOKEN, StandardCharsets.UTF_8)))
        .build());

    assertThat(signedIn.statusCode()).isEqualTo(303);
    String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(cookie).startsWith("pulse_session=");
    HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/")).header("Cookie", cookie).build());
    assertThat(page.statusCode()).isEqualTo(200);
  }

  @Test
  void mustBeLongAndDifferFromTheAdminToken() throws Exception {
    assertThatThrownBy(() -> ServerConfig.builder().readToken("short"))
        .hasMessage("read-token must be at least 16 characters, got 5");
    assertThatThrownBy(() -> ServerConfig.builder().adminToken(READ_TOKEN).readToken(READ_TOKEN).build())
        .hasMessage("read-token must differ from the admin token (--admin-token or PULSE_ADMIN_TOKEN)");
    // A generated admin token is known by its hash only, so the server checks again once it has one.
    AdminToken inForce = AdminToken.resolve(READ_TOKEN, dataDir.resolve("other"));
    assertThatThrownBy(() -> ApiTokens.of(inForce, Optional.of(READ_TOKEN)))
        .hasMessage("read-token must differ from the admin token");
    assertThat(ApiTokens.of(inForce, Optional.empty()).grant(READ_TOKEN)).isEqualTo(Grant.ADMIN);
  }

  private static HttpRequest.Builder request(String path, String bearer) {
    return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + bearer);
  }

  private static void assertReadOnlyRefusal(HttpResponse<String> refused, String what) throws Exception {
    assertThat(refused.statusCode()).isEqualTo(403);
    JsonNode error = JSON.readTree(refused.body()).at("/errors/0");
    assertThat(error.at("/extensions/code").asText()).isEqualTo("READ_ONLY_TOKEN");
    assertThat(error.at("/message").asText()).isEqualTo("the read token may only read; " + what + " needs the admin token");
  }
}
