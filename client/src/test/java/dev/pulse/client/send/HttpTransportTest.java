package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.BodyServer;

class HttpTransportTest {

  /** Guards against a hang only; no test here asserts how fast anything is. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  private static HttpTransport transport(String apiAddress, Duration timeout) {
    return new HttpTransport(URI.create(apiAddress + "/telemetry/query"), timeout, "pulse-test",
        ProxyChoice.resolve(new Properties(), Map.of()));
  }

  @ParameterizedTest
  @CsvSource({"200, FAIL", "500, RETRY"}) // gigabytes after a 200 are no GraphQL answer: not delivered
  void readsOnlyAPrefixOfAHugeAnswerAndHangsUpOnTheRest(int status, Attempt.Outcome expected) throws Exception {
    try (BodyServer server = BodyServer.huge(status)) {
      HttpTransport transport = transport(server.apiAddress(), Duration.ofSeconds(20));
      try {
        Attempt attempt = assertTimeoutPreemptively(HANG_GUARD, () -> transport.post("{}", Duration.ofSeconds(20)));

        assertThat(attempt.outcome()).isEqualTo(expected);
        assertThat(attempt.status()).isEqualTo(status);
        Await.until(() -> server.hangUps() == 1, "the client to hang up on the body");
        assertThat(server.bodyBytes()).isLessThan(BodyServer.HUGE_CAP);
      } finally {
        transport.close(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void boundsTheWholeExchangeWhenTheBodyTrickles() throws Exception {
    try (BodyServer server = BodyServer.trickle()) {
      HttpTransport transport = transport(server.apiAddress(), Duration.ofMillis(500));
      try {
        Attempt attempt = assertTimeoutPreemptively(HANG_GUARD, () -> transport.post("{}", Duration.ofSeconds(20)));

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(attempt.detail()).startsWith("no answer from 127.0.0.1:").endsWith(" in time");
        Await.until(() -> server.hangUps() == 1, "the client to hang up on the trickle");
      } finally {
        transport.close(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void readsRetryAfterInSecondsOrAsADate() {
    assertThat(HttpTransport.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(HttpTransport.retryAfter(null)).isNull();
    assertThat(HttpTransport.retryAfter("soon")).isNull();
    String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60)
        .format(DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(HttpTransport.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
  }

  @Test
  void backoffGrowsAndStaysWithinItsCap() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));

    assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(policy.backoff(30)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void aServiceHoldsOffAfterRefusalsForTwiceTheLongestBackoffDoublingUpToTheLongestPause() {
    RetryPolicy policy = RetryPolicy.DEFAULT;

    assertThat(policy.afterRefusal(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.afterRefusal(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.afterRefusal(6)).isEqualTo(Duration.ofMinutes(32));
    assertThat(policy.afterRefusal(7)).isEqualTo(Duration.ofHours(1));
    assertThat(policy.afterRefusal(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    assertThat(SendFailures.refusesEveryRequest(404)).isTrue();
    assertThat(SendFailures.refusesEveryRequest(400)).as("this request's content").isFalse();
    assertThat(SendFailures.refusesEveryRequest(413)).as("this request's size").isFalse();
  }
}
