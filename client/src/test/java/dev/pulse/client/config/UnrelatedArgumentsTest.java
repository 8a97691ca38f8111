package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnrelatedArgumentsTest {

  @Test
  void everyFormOfASettingsFlagAndItsValueIsTelemetrys() {
    assertThat(SettingsResolver.unrelatedArguments(List.of(
            "-telemetry-debug", "--telemetry-usage-enabled", "false", "-telemetry-errors-enabled=0",
            "--api-address=http://localhost:8080/", "--client-id", "abc", "--telemetry-interval-seconds", "7")))
        .isEmpty();
  }

  @Test
  void aFlagTelemetryWarnsAboutAsMisspeltIsNotUnrelated() {
    assertThat(SettingsResolver.unrelatedArguments(List.of("--telemetry-enabeld=false", "--api-adress", "x")))
        .containsExactly("x");
  }

  @Test
  void theHostsOwnFlagsAndWordsAreUnrelatedInOrder() {
    assertThat(SettingsResolver.unrelatedArguments(List.of("--jsn", "report", "--telemetry-debug", "-v")))
        .containsExactly("--jsn", "report", "-v");
  }

  @Test
  void aWordAfterASwitchIsItsValueOnlyWhenItIsTrueOrFalse() {
    assertThat(SettingsResolver.unrelatedArguments(List.of("--telemetry-debug", "yes", "--telemetry-enabled", "now")))
        .containsExactly("now");
  }
}
