package dev.pulse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ManualClock;
import dev.pulse.server.ServerConfigBuilder;
import dev.pulse.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong admin tokens from one address, at {@code /login} and as a bearer token under {@code /api/}:
 * past {@link AuthThrottle#MAX_FAILURES} in a row the address is blocked, every token it sends (the
 * right one too) answered 429 with {@code Retry-After}; a right token before that is accepted and
 * starts the count over; the block ends after its time. Each server's throttle keeps time on a
 * clock the test moves and records its delays instead of waiting them (they are the ones
 * {@code AuthThrottleBlockTest} checks), so no test waits them and a block ends without a minute's
 * wait. Each test has its own server: its own count.
 */
class AuthThrottleTest {

  private static final String EXPORT = "/api/v1/export/events";
  private static final String WRONG = "wrong-token-wrong-token";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final Queue<Long> delays = new ConcurrentLinkedQueue<>();
  @TempDir Path dataDir;
  private TestServer server;

  @BeforeEach
  void startServer() {
    server = start(dataDir, config -> config);
  }

  /** A real server whose throttle runs on {@link #clock} and records its delays in {@link #delays}. */
  private TestServer start(Path dir, UnaryOperator<ServerConfigBuilder> customize) {
    return TestServer.start(dir, customize, new AuthThrottle(clock, delays::add));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void pastTheBoundEveryBearerTokenFromTheAddressIsAnswered429TheRightOneTooUntilTheBlockEnds() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      assertThat(server.get(EXPORT, WRONG).statusCode()).as("wrong try " + (i + 1)).isEqualTo(401);
    }
    assertThat(delays).as("each wrong token delayed, the delay doubling")
        .containsExactlyElementsOf(IntStream.rangeClosed(1, AuthThrottle.MAX_FAILURES)
            .mapToObj(AuthThrottle::delayMillis).toList());
    HttpResponse<String> refused = server.get(EXPORT, WRONG);
    assertRetryLater(refused);
    assertThat(refused.body()).contains("TOO_MANY_WRONG_TOKENS")
        .contains("this address is blocked after too many wrong tokens").contains("retry in ");
    // Let through, the right token would let a guesser go on at full speed: the block would bound nothing.
    assertRetryLater(server.get(EXPORT, TestServer.ADMIN_TOKEN));
    // The server trusts no proxy: what a client says it forwards for is ignored, so it escapes nothing.
    assertRetryLater(server.send(bearer(server, TestServer.ADMIN_TOKEN, "198.51.100.7")));
    assertRetryLater(server.get(EXPORT, WRONG));
    assertThat(server.get("/metrics", null).body())
        .contains("pulse_auth_wrong_tokens_total " + AuthThrottle.MAX_FAILURES + ".0")
        .contains("pulse_auth_refused_total 4.0");

    clock.advance(AuthThrottle.BLOCK.minusSeconds(1));
    assertThat(server.get(EXPORT, TestServer.ADMIN_TOKEN).headers().firstValue("Retry-After")).hasValue("1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(server.get(EXPORT, TestServer.ADMIN_TOKEN).statusCode()).as("the block over").isEqualTo(200);
    assertThat(delays).as("no delay for a right token").hasSize(AuthThrottle.MAX_FAILURES);
  }

  @Test
  void aBearerHeaderWithoutATokenIsToldSoAndNeverCountedAsAWrongToken() throws Exception {
    for (int i = 0; i <= AuthThrottle.MAX_FAILURES; i++) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri(EXPORT))
          .header("Authorization", i % 2 == 0 ? "Bearer" : "bearer ").build());

      assertThat(refused.statusCode()).as("try " + (i + 1)).isEqualTo(401);
      assertThat(refused.body()).contains("the Authorization header holds no token: send Authorization: Bearer <token>");
    }
    assertThat(delays).as("no token was offered, so none was wrong").isEmpty();
    assertThat(server.get(EXPORT, TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
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
  void wrongSignInsPastTheBoundBlockTheAddressForEveryTokenAndARightOneBeforeItSignsIn() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES - 1; i++) {
      assertThat(signIn(WRONG).statusCode()).as("wrong sign-in " + (i + 1)).isEqualTo(401);
    }
    assertThat(signIn(TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(303);
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      assertThat(signIn(WRONG).statusCode()).as("wrong sign-in after " + (i + 1)).isEqualTo(401);
    }
    HttpResponse<String> refused = signIn(WRONG);
    assertRetryLater(refused);
    assertThat(refused.body()).contains("This address is blocked after too many wrong tokens");
    // The sign-in and the API count the same tries; blocked, the right token does not sign in either.
    assertRetryLater(server.get(EXPORT, WRONG));
    assertRetryLater(signIn(TestServer.ADMIN_TOKEN));
  }

  @Test
  void behindATrustedProxyOneGuesserIsBlockedAndAnotherClientStillSignsIn(@TempDir Path proxiedDir) {
    try (TestServer proxied = start(proxiedDir, config -> config.trustedProxies("10.0.0.0/8, 127.0.0.1"))) {
      String guesser = "203.0.113.7";
      String operator = "198.51.100.20, 10.0.0.5"; // appended by two proxies, both trusted
      for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
        assertThat(proxied.send(signIn(proxied, WRONG, guesser)).statusCode()).as("wrong try " + (i + 1)).isEqualTo(401);
      }
      assertRetryLater(proxied.send(signIn(proxied, WRONG, guesser)));
      assertThat(proxied.send(signIn(proxied, TestServer.ADMIN_TOKEN, operator)).statusCode()).isEqualTo(303);
      assertThat(proxied.send(bearer(proxied, TestServer.ADMIN_TOKEN, operator)).statusCode()).isEqualTo(200);
      // The guesser is refused even with the right token, at /login and at /api/.
      assertRetryLater(proxied.send(signIn(proxied, TestServer.ADMIN_TOKEN, guesser)));
      assertRetryLater(proxied.send(bearer(proxied, TestServer.ADMIN_TOKEN, guesser)));
      // The proxy's own address was never counted: a request of its own still passes.
      assertThat(proxied.get(EXPORT, TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> signIn(String token) {
    return server.send(signIn(server, token, null));
  }

  /** A sign-in with {@code token}, forwarded for {@code forwardedFor} when not null. */
  private static HttpRequest signIn(TestServer to, String token, String forwardedFor) {
    String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(to.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    return (forwardedFor == null ? request : request.header("X-Forwarded-For", forwardedFor)).build();
  }

  private static HttpRequest bearer(TestServer to, String token, String forwardedFor) {
    return HttpRequest.newBuilder(to.uri(EXPORT)).header("Authorization", "Bearer " + token)
        .header("X-Forwarded-For", forwardedFor).build();
  }

  private static void assertRetryLater(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    String retryAfter = response.headers().firstValue("Retry-After").orElse("");
    assertThat(retryAfter).matches("[0-9]+");
    assertThat(Long.parseLong(retryAfter)).isBetween(1L, AuthThrottle.BLOCK.toSeconds());
  }
}
