package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.pulse.client.testing.LogCapture;

/** When the WARNING about drops repeats: the rule, on a clock the test moves. */
class DropSummaryTest {

  private final AtomicLong now = new AtomicLong();
  private final LogCapture log = LogCapture.start();

  @AfterEach
  void stop() {
    log.close();
  }

  private static TelemetryStats failed(long dropped, String why) {
    return new TelemetryStats(0, 0, dropped, 0, 0, 0, 0, why);
  }

  private void at(Duration elapsed) {
    now.set(elapsed.toNanos());
  }

  @Test
  void theSameFailureIsShownAgainOnlyAfterTenMinutesWithWhatWasDroppedMeanwhileAndAnotherAtOnce() {
    DropSummary summary = new DropSummary(null, "http://pulse.example/telemetry/query", false, now::get);

    summary.logIfChanged(failed(1, "the server answered HTTP 503"));
    at(Duration.ofMinutes(1));
    summary.logIfChanged(failed(2, "the server answered HTTP 503"));
    at(Duration.ofMinutes(9).plusSeconds(59));
    summary.logIfChanged(failed(3, "the server answered HTTP 503"));
    assertThat(log.warnings("since the last report")).isEqualTo(1);

    at(Duration.ofMinutes(10));
    summary.logIfChanged(failed(4, "the server answered HTTP 503"));
    assertThat(log.warnings("dropped 3 (send failed, the last because the server answered HTTP 503)"))
        .as("the held-back drops counted").isEqualTo(1);

    at(Duration.ofMinutes(11));
    summary.logIfChanged(failed(5, "could not connect to pulse.example:80"));
    assertThat(log.warnings("dropped 1 (send failed, the last because could not connect"))
        .as("another reason: at once").isEqualTo(1);
    assertThat(log.messages()).as("counts of nothing are left out").allSatisfy(m -> assertThat(m)
        .doesNotContain("(buffer full)", "unique keys over the cap", "telemetry off", "retried", "spooled"));
  }

  @Test
  void whatWasHeldBackIsToldAtClose() {
    DropSummary summary = new DropSummary(null, "http://pulse.example/telemetry/query", false, now::get);
    summary.logIfChanged(failed(1, "the server answered HTTP 503"));
    summary.logIfChanged(failed(2, "the server answered HTTP 503"));

    summary.logAtClose(failed(2, "the server answered HTTP 503"));

    assertThat(log.warnings("dropped 1 (send failed, the last because the server answered HTTP 503)"))
        .isEqualTo(2);
  }

  @Test
  void withTelemetryDebugEveryLineIsShown() {
    DropSummary summary = new DropSummary(null, "http://pulse.example/telemetry/query", true, now::get);

    summary.logIfChanged(failed(1, "the server answered HTTP 503"));
    summary.logIfChanged(failed(2, "the server answered HTTP 503"));

    assertThat(log.warnings("since the last report")).isEqualTo(2);
  }
}
