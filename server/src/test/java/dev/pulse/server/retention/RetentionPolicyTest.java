package dev.pulse.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.RecordKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  @Test
  void keepsEveryKindNinetyDaysByDefault() {
    for (RecordKind kind : RecordKind.values()) {
      assertThat(RetentionPolicy.defaults().days(kind)).isEqualTo(90);
    }
  }

  @Test
  void cutoffIsThatManyDaysBeforeNow() {
    RetentionPolicy policy = RetentionPolicy.builder().days(RecordKind.ERRORS, 7).build();

    assertThat(policy.cutoff(RecordKind.ERRORS, Instant.parse("2026-11-24T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-17T12:00:00Z"));
  }

  @Test
  void rejectsZeroDaysNamingTheKind() {
    assertThatThrownBy(() -> RetentionPolicy.builder().days(RecordKind.CLI_COMMANDS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention of CLI commands must be from 1 to 36500 days, not 0");
  }

  @Test
  void readsDaysFromSettingsAndKeepsTheDefaultForAbsentOnes() {
    Map<String, String> settings = Map.of("PULSE_RETENTION_EVENTS_DAYS", " 30 ", "PULSE_RETENTION_ERRORS_DAYS", "");

    RetentionPolicy policy = RetentionPolicy.fromSettings(settings::get);

    assertThat(policy)
        .isEqualTo(RetentionPolicy.builder().days(RecordKind.EVENTS, 30).build());
  }

  @Test
  void aSettingOfMoreDaysThanAnIntHoldsIsOutOfRangeNotNoWholeNumber() {
    Map<String, String> settings = Map.of("PULSE_RETENTION_EVENTS_DAYS", "99999999999");

    assertThatThrownBy(() -> RetentionPolicy.fromSettings(settings::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PULSE_RETENTION_EVENTS_DAYS: retention of events must be from 1 to 36500 days, not 99999999999");
  }

  @Test
  void rejectsASettingThatIsNotANumberNamingTheSetting() {
    Map<String, String> settings = Map.of("PULSE_RETENTION_CLI_COMMANDS_DAYS", "ninety");

    assertThatThrownBy(() -> RetentionPolicy.fromSettings(settings::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PULSE_RETENTION_CLI_COMMANDS_DAYS")
        .hasMessageContaining("ninety");
  }
}
