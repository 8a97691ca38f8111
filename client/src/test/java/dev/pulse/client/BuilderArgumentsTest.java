package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder refuses a bad argument at once, naming the parameter, before anything starts. */
class BuilderArgumentsTest {

  @Test
  void aCloseDeadlineOfZeroOrLessIsRefused() {
    assertThatThrownBy(() -> PulseTelemetry.builder().closeDeadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("closeDeadline must be positive: PT0S");
    assertThatThrownBy(() -> PulseTelemetry.builder().closeDeadline(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("closeDeadline must be positive: PT-1S");
    assertThatThrownBy(() -> PulseTelemetry.builder().closeDeadline(null))
        .isInstanceOf(NullPointerException.class).hasMessage("closeDeadline");
  }

  @Test
  void sizesBelowOneAreRefused() {
    assertThatThrownBy(() -> PulseTelemetry.builder().bufferSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bufferSize must be at least 1: 0");
    assertThatThrownBy(() -> PulseTelemetry.builder().uniqueKeyCap(-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("uniqueKeyCap must be at least 1: -5");
  }

  @Test
  void blankTextIsRefused() {
    assertThatThrownBy(() -> PulseTelemetry.builder().version(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("version must not be blank");
    assertThatThrownBy(() -> PulseTelemetry.builder().defaultApiAddress(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("defaultApiAddress must not be blank");
  }
}
