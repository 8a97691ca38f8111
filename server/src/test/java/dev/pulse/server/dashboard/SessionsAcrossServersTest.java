package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers behind one load balancer: a dashboard session started on one is taken by every
 * server with the same admin token and context key, and by none with another token.
 */
class SessionsAcrossServersTest {

  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path third;

  @Test
  void aSessionStartedOnOneServerOpensThePagesAndTheApiOnAnother() {
    try (TestServer signedInOn = TestServer.start(first);
        TestServer other = TestServer.start(second)) {
      String cookie = signIn(signedInOn, TestServer.ADMIN_TOKEN);

      assertThat(withCookie(other, "/", cookie).statusCode()).isEqualTo(200);
      assertThat(withCookie(other, "/api/v1/versions", cookie).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aServerWithAnotherAdminTokenDoesNotTakeTheSession() {
    try (TestServer signedInOn = TestServer.start(first);
        TestServer otherToken = TestServer.start(third, config -> config.adminToken("another-admin-token-0123"))) {
      String cookie = signIn(signedInOn, TestServer.ADMIN_TOKEN);

      HttpResponse<String> page = withCookie(otherToken, "/", cookie);
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location")).hasValue("/login");
      assertThat(withCookie(otherToken, "/api/v1/versions", cookie).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void signingOutEndsTheSessionOnTheServerThatAnswered() {
    try (TestServer server = TestServer.start(first)) {
      String cookie = signIn(server, TestServer.ADMIN_TOKEN);
      HttpResponse<String> signedOut = server.send(HttpRequest.newBuilder(server.uri("/logout"))
          .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build());
      assertThat(signedOut.statusCode()).isEqualTo(303);

      assertThat(withCookie(server, "/api/v1/versions", cookie).statusCode()).isEqualTo(401);
    }
  }

  private static String signIn(TestServer server, String token) {
    HttpResponse<String> signedIn = server.send(HttpRequest.newBuilder(server.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
        .build());
    assertThat(signedIn.statusCode()).isEqualTo(303);
    return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  private static HttpResponse<String> withCookie(TestServer server, String path, String cookie) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).build());
  }
}
