package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "30s, PT30S", "2m, PT2M", "24h, PT24H", "1h30m, PT1H30M", "1.5h, PT1H30M", "250ms, PT0.25S",
    "1m30s, PT1M30S", "45, PT45S", "100us, PT0.0001S"
  })
  void parsesGoSyntax(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "1d", "-5s", "5s5", "s", "5 s"})
  void rejectsWhatGoRejects(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000000000000000000", "3000000h1h", "2562048h", "99999999999999999999s"})
  void aDurationBeyondWhatALongCountsIsRefusedAsTooLong(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("too long a duration (at most 8760h0m0s): " + text);
  }

  @ParameterizedTest
  @CsvSource({"8760h, ", "31536000, ", "8760h1s, must be at most 8760h0m0s (365 days)",
    "31536001, must be at most 8760h0m0s (365 days)", "9223372037, must be at most 8760h0m0s (365 days)",
    "1000000000000, must be at most 8760h0m0s (365 days)",
    "0s, must be positive"})
  void aSettingsDurationIsPositiveAndAtMost365Days(String text, String problem) {
    assertThat(GoDuration.problem(text)).isEqualTo(problem);
  }

  @ParameterizedTest
  @CsvSource({"PT30S, 30s", "PT2M, 2m0s", "PT1H30M, 1h30m0s", "PT0.25S, 250ms"})
  void formatsLikeGo(Duration d, String expected) {
    assertThat(GoDuration.format(d)).isEqualTo(expected);
  }
}
