package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A host that turns telemetry on in code ({@code enabled(true)}) does not take the off switch away from
 * its user: a flag, system property or environment variable that turns a switch off wins over it.
 */
class UserOptOutBeatsBuilderTest {

  private static SettingsResolver onInCode(SettingKey key) {
    return new SettingsResolver().environment(Map.of()).systemProperties(new Properties()).override(key, "true");
  }

  private static Properties property(String name, String value) {
    Properties properties = new Properties();
    properties.setProperty(name, value);
    return properties;
  }

  @Test
  void eachWayOfOptingOutTurnsOffASwitchTheBuilderTurnedOn() {
    for (SettingKey key : List.of(
        SettingKey.TELEMETRY_ENABLED, SettingKey.TELEMETRY_USAGE_ENABLED, SettingKey.TELEMETRY_ERRORS_ENABLED)) {
      ResolvedSetting byFlag = onInCode(key).flags(List.of("--" + key.key() + "=false")).resolve().get(key);
      ResolvedSetting byProperty =
          onInCode(key).systemProperties(property(key.systemProperty("OTTERIZE_"), "false")).resolve().get(key);
      ResolvedSetting byVariable =
          onInCode(key).environment(Map.of(key.environmentVariable("OTTERIZE_"), "false")).resolve().get(key);

      assertThat(List.of(byFlag, byProperty, byVariable))
          .as("%s", key)
          .extracting(ResolvedSetting::value, ResolvedSetting::source)
          .containsExactly(
              tuple("false", SettingSource.FLAG),
              tuple("false", SettingSource.SYSTEM_PROPERTY),
              tuple("false", SettingSource.ENVIRONMENT));
    }
  }

  @Test
  void anInvalidOptOutValueOptsOutOverTheBuilderAsItWouldAlone() {
    TelemetrySettings s = onInCode(SettingKey.TELEMETRY_ENABLED)
        .environment(Map.of("OTTERIZE_TELEMETRY_ENABLED", "disabled"))
        .resolve();

    assertThat(s.enabled()).isFalse();
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).problem()).contains("taken as false");
  }

  @Test
  void theUsersTrueDoesNotTurnOnWhatTheBuilderTurnedOff() {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("OTTERIZE_TELEMETRY_ENABLED", "true"))
        .systemProperties(new Properties())
        .flags(List.of("--telemetry-enabled"))
        .override(SettingKey.TELEMETRY_ENABLED, "false")
        .resolve();

    assertThat(s.get(SettingKey.TELEMETRY_ENABLED))
        .extracting(ResolvedSetting::value, ResolvedSetting::source)
        .containsExactly("false", SettingSource.BUILDER);
  }

  @Test
  void settingsThatAreNoOptOutKeepTheBuildersValue() {
    TelemetrySettings s = onInCode(SettingKey.TELEMETRY_DEBUG)
        .environment(Map.of("OTTERIZE_TELEMETRY_DEBUG", "false", "OTTERIZE_TELEMETRY_MAX_BATCH_SIZE", "7"))
        .override(SettingKey.TELEMETRY_MAX_BATCH_SIZE, "10")
        .resolve();

    assertThat(s.debug()).isTrue();
    assertThat(s.maxBatchSize()).isEqualTo(10);
  }
}
