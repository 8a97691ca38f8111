package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the dashboard counts as a first run, and what it costs once data is there. */
class FirstRunTest {

  @Test
  void aFirstRunLastsUntilDataIsSeenAndIsNotAskedAgainAfterwards() {
    AtomicBoolean stored = new AtomicBoolean(false);
    AtomicInteger asked = new AtomicInteger();
    FirstRun firstRun = FirstRun.untilData(() -> {
      asked.incrementAndGet();
      return stored.get();
    });

    assertThat(firstRun.isFirstRun()).isTrue();
    assertThat(firstRun.isFirstRun()).isTrue();
    stored.set(true);
    assertThat(firstRun.isFirstRun()).isFalse();
    int askedUntilData = asked.get();
    assertThat(firstRun.isFirstRun()).isFalse();
    assertThat(asked.get()).isEqualTo(askedUntilData).isEqualTo(3);
  }

  @Test
  void aStoreThatCannotAnswerShowsThePagesNotThePanel() {
    FirstRun firstRun = FirstRun.untilData(() -> {
      throw new IllegalStateException("store unavailable");
    });

    assertThat(firstRun.isFirstRun()).isFalse();
  }

  @Test
  void withoutAnalyticsThereIsNoFirstRun() {
    assertThat(FirstRun.never().isFirstRun()).isFalse();
  }
}
