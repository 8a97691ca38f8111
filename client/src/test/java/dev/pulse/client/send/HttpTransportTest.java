package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

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
}
