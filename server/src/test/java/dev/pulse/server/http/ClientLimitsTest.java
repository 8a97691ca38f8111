package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each client limit read from the settings, and one out of range refused by name before the server starts. */
class ClientLimitsTest {

  @Test
  void readsTheHeaderDeadlineAndKeepsTheDefaultsOfTheRest() {
    ClientLimits limits = ClientLimits.fromSettings(Map.of("PULSE_HEADER_TIMEOUT_SECONDS", "5")::get);

    assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(limits.bodyTimeout()).isEqualTo(ClientLimits.defaults().bodyTimeout());
    assertThat(ClientLimits.defaults().headerTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aTimeoutPastADayIsRefusedNamingTheSettingEvenPastWhatALongHolds() {
    for (String name : new String[] {"PULSE_BODY_TIMEOUT_SECONDS", "PULSE_HEADER_TIMEOUT_SECONDS",
        "PULSE_IDLE_TIMEOUT_SECONDS"}) {
      assertThatThrownBy(() -> ClientLimits.fromSettings(Map.of(name, "9223372036854775807")::get))
          .hasMessage(name + " must be at most 86400 (seconds), not 9223372036854775807");
      assertThatThrownBy(() -> ClientLimits.fromSettings(Map.of(name, "99999999999999999999")::get))
          .hasMessage(name + " must be at most 86400 (seconds), not 99999999999999999999");
      assertThatThrownBy(() -> ClientLimits.fromSettings(Map.of(name, "-99999999999999999999")::get))
          .hasMessage(name + " must be at least 1 (seconds), not -99999999999999999999");
    }
    assertThat(ClientLimits.fromSettings(Map.of("PULSE_IDLE_TIMEOUT_SECONDS", "86400")::get).idleTimeout())
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aConnectionCountPastWhatTheServerCanCountIsRefusedNamingIt() {
    assertThatThrownBy(() -> ClientLimits.fromSettings(Map.of("PULSE_MAX_CONNECTIONS", "4294967296")::get))
        .hasMessage("PULSE_MAX_CONNECTIONS must be at most 2147483647 (connections), not 4294967296");
  }
}
