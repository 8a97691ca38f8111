package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.dashboard.FirstRun.Stage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the dashboard counts as a first run, and what it costs once data is there. */
class FirstRunTest {

  @Test
  void aFirstRunGoesFromEmptyToNoComponentToDoneAndIsNotAskedAgainAfterwards() {
    AtomicBoolean component = new AtomicBoolean(false);
    AtomicBoolean anyRecord = new AtomicBoolean(false);
    AtomicInteger asked = new AtomicInteger();
    FirstRun firstRun =
        FirstRun.until(
            () -> {
              asked.incrementAndGet();
              return component.get();
            },
            anyRecord::get);

    assertThat(firstRun.stage()).isEqualTo(Stage.EMPTY);
    anyRecord.set(true);
    assertThat(firstRun.stage()).isEqualTo(Stage.NO_COMPONENT);
    component.set(true);
    assertThat(firstRun.stage()).isEqualTo(Stage.DONE);
    assertThat(firstRun.stage()).isEqualTo(Stage.DONE);
    assertThat(asked.get()).isEqualTo(3);
  }

  @Test
  void aStoreThatCannotAnswerShowsThePagesNotThePanel() {
    FirstRun firstRun =
        FirstRun.until(
            () -> {
              throw new IllegalStateException("store unavailable");
            },
            () -> false);

    assertThat(firstRun.stage()).isEqualTo(Stage.DONE);
  }

  @Test
  void withoutAnalyticsThereIsNoFirstRun() {
    assertThat(FirstRun.never().stage()).isEqualTo(Stage.DONE);
  }
}
