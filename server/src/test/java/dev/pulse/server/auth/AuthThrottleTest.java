package dev.pulse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong admin tokens from one address, at {@code /login} and as a bearer token under {@code /api/}:
 * past {@link AuthThrottle#MAX_FAILURES} in a row, 429 with {@code Retry-After}; a right token, before
 * that is accepted and starts the count over. Each test has its own server (its own count), so the
 * tests run at once: they spend their time in the throttle's deliberate delays.
 */
@Execution(ExecutionMode.CONCURRENT)
class AuthThrottleTest {

  private static final String EXPORT = "/api/v1/export/events";
  private static final String WRONG = "wrong-token-wrong-token";

  @TempDir Path dataDir;
  private TestServer server;

  @BeforeEach
  void startServer() {
    server = TestServer.start(dataDir);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void wrongBearerTokensPastTheBoundAreAnswered429WithRetryAfter() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      assertThat(server.get(EXPORT, WRONG).statusCode()).as("wrong try " + (i + 1)).isEqualTo(401);
    }
    HttpResponse<String> refused = server.get(EXPORT, WRONG);
    assertRetryLater(refused);
    assertThat(refused.body()).contains("TOO_MANY_WRONG_TOKENS");
    // The right token is never refused, even from a refused address; wrong ones still are.
    assertThat(server.get(EXPORT, TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    assertRetryLater(server.get(EXPORT, WRONG));
    assertThat(server.get("/metrics", null).body())
        .contains("pulse_auth_wrong_tokens_total " + AuthThrottle.MAX_FAILURES + ".0")
        .contains("pulse_auth_refused_total 2.0");
  }

  @Test
  void aRightBearerTokenIsAcceptedAfterWrongOnesAndStartsTheCountOver() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < AuthThrottle.MAX_FAILURES - 1; i++) {
        assertThat(server.get(EXPORT, WRONG).statusCode()).as("round " + round + " try " + i).isEqualTo(401);
      }
      assertThat(server.get(EXPORT, TestServer.ADMIN_TOKEN).statusCode()).as("round " + round).isEqualTo(200);
    }
  }

  @Test
  void wrongSignInsPastTheBoundAreAnswered429AndARightOneBeforeItSignsIn() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES - 1; i++) {
      assertThat(signIn(WRONG).statusCode()).as("wrong sign-in " + (i + 1)).isEqualTo(401);
    }
    assertThat(signIn(TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(303);
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      assertThat(signIn(WRONG).statusCode()).as("wrong sign-in after " + (i + 1)).isEqualTo(401);
    }
    HttpResponse<String> refused = signIn(WRONG);
    assertRetryLater(refused);
    assertThat(refused.body()).contains("Too many wrong tokens");
    // The sign-in and the API count the same tries; the right token still signs in.
    assertRetryLater(server.get(EXPORT, WRONG));
    assertThat(signIn(TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(303);
  }

  private HttpResponse<String> signIn(String token) {
    String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    return server.send(
        HttpRequest.newBuilder(server.uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private static void assertRetryLater(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    String retryAfter = response.headers().firstValue("Retry-After").orElse("");
    assertThat(retryAfter).matches("[0-9]+");
    assertThat(Long.parseLong(retryAfter)).isBetween(1L, AuthThrottle.BLOCK.toSeconds());
  }
}
