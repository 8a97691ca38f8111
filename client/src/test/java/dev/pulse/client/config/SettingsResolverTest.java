package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

class SettingsResolverTest {

  private static SettingsResolver isolated() {
    return new SettingsResolver().environment(Map.of()).systemProperties(new Properties());
  }

  @Test
  void usesTheGoDefaultsWhenNothingIsSet() {
    TelemetrySettings s = isolated().resolve();

    assertThat(s.enabled()).isTrue();
    assertThat(s.usageActive()).isTrue();
    assertThat(s.errorsActive()).isTrue();
    assertThat(s.maxBatchSize()).isEqualTo(100);
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.clientTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.resetInterval()).isEqualTo(Duration.ofHours(24));
    assertThat(s.activeInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.clientId()).isEmpty();
    assertThat(s.debug()).isFalse();
    assertThat(s.describe()).allSatisfy(r -> assertThat(r.source()).isEqualTo(SettingSource.DEFAULT));
    assertThat(s.describe()).hasSize(SettingKey.values().length);
  }

  @Test
  void builderBeatsFlagBeatsPropertyBeatsEnvironment() {
    Properties props = new Properties();
    props.setProperty("otterize.telemetry.max.batch.size", "30");
    props.setProperty("otterize.telemetry.interval.seconds", "7");
    Map<String, String> env = Map.of(
        "OTTERIZE_TELEMETRY_MAX_BATCH_SIZE", "40",
        "OTTERIZE_TELEMETRY_INTERVAL_SECONDS", "8",
        "OTTERIZE_TELEMETRY_CLIENT_TIMEOUT", "9s",
        "OTTERIZE_CLIENT_ID", "cli-env");
    TelemetrySettings s = new SettingsResolver()
        .environment(env)
        .systemProperties(props)
        .flags(List.of("--telemetry-max-batch-size=20", "--client-id", "cli-flag", "positional"))
        .override(SettingKey.TELEMETRY_MAX_BATCH_SIZE, "10")
        .resolve();

    assertThat(s.get(SettingKey.TELEMETRY_MAX_BATCH_SIZE))
        .extracting(ResolvedSetting::value, ResolvedSetting::source)
        .containsExactly("10", SettingSource.BUILDER);
    assertThat(s.get(SettingKey.CLIENT_ID))
        .extracting(ResolvedSetting::value, ResolvedSetting::source)
        .containsExactly("cli-flag", SettingSource.FLAG);
    assertThat(s.get(SettingKey.TELEMETRY_INTERVAL_SECONDS))
        .extracting(ResolvedSetting::value, ResolvedSetting::source, ResolvedSetting::origin)
        .containsExactly("7", SettingSource.SYSTEM_PROPERTY, "otterize.telemetry.interval.seconds");
    assertThat(s.get(SettingKey.TELEMETRY_CLIENT_TIMEOUT))
        .extracting(ResolvedSetting::value, ResolvedSetting::source, ResolvedSetting::origin)
        .containsExactly("9s", SettingSource.ENVIRONMENT, "OTTERIZE_TELEMETRY_CLIENT_TIMEOUT");
  }

  @Test
  void readsEveryFlagForm() {
    TelemetrySettings s = isolated()
        .flags(List.of("-telemetry-debug", "--telemetry-usage-enabled", "false",
            "-telemetry-errors-enabled=0", "--api-address=http://localhost:8080/"))
        .resolve();

    assertThat(s.debug()).isTrue();
    assertThat(s.usageActive()).isFalse();
    assertThat(s.errorsActive()).isFalse();
    assertThat(s.apiAddress()).isEqualTo("http://localhost:8080");
    assertThat(s.endpoint()).hasToString("http://localhost:8080/telemetry/query");
  }

  @Test
  void environmentPrefixIsConfigurable() {
    TelemetrySettings s = new SettingsResolver()
        .environmentPrefix("ACME_")
        .environment(Map.of("ACME_TELEMETRY_ENABLED", "false", "OTTERIZE_TELEMETRY_ENABLED", "true"))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.enabled()).isFalse();
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).origin()).isEqualTo("ACME_TELEMETRY_ENABLED");
  }

  @Test
  void aPrefixWithoutItsUnderscoreGetsOne() {
    TelemetrySettings s = new SettingsResolver()
        .environmentPrefix("ACME")
        .environment(Map.of("ACME_TELEMETRY_ENABLED", "false"))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.enabled()).isFalse();
    assertThat(SettingsResolver.prefixOf("ACME")).isEqualTo("ACME_");
    assertThat(SettingsResolver.prefixOf("")).as("no prefix stays none").isEmpty();
  }

  @Test
  void doNotTrackTurnsEverythingOffWhateverElseSays() {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("DO_NOT_TRACK", "1", "OTTERIZE_TELEMETRY_ENABLED", "true"))
        .systemProperties(new Properties())
        .override(SettingKey.TELEMETRY_ENABLED, "true")
        .resolve();

    assertThat(s.anythingActive()).isFalse();
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).source()).isEqualTo(SettingSource.DO_NOT_TRACK);
  }

  @Test
  void doNotTrackWithAnyValueButAFalseOneTurnsEverythingOff() {
    for (String value : List.of("1", "true", "yes", "YES", "on", "please")) {
      TelemetrySettings s = new SettingsResolver()
          .environment(Map.of("DO_NOT_TRACK", value))
          .systemProperties(new Properties())
          .resolve();

      assertThat(s.anythingActive()).as("DO_NOT_TRACK=%s", value).isFalse();
    }
  }

  @Test
  void anEmptySwitchIsAsIfNotSet() {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("OTTERIZE_TELEMETRY_ENABLED", "", "DO_NOT_TRACK", " "))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.enabled()).isTrue();
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).problem()).contains("using the default true");
  }

  @Test
  void doNotTrackZeroChangesNothing() {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("DO_NOT_TRACK", "0"))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.anythingActive()).isTrue();
  }

  @Test
  void acceptsGoDurations() {
    TelemetrySettings s = isolated()
        .override(SettingKey.TELEMETRY_RESET_INTERVAL_DURATION, "1h30m")
        .override(SettingKey.TELEMETRY_ACTIVE_INTERVAL_DURATION, "90s")
        .override(SettingKey.TELEMETRY_CLIENT_TIMEOUT, "2m")
        .resolve();

    assertThat(s.resetInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(s.activeInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.clientTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void invalidValueFallsBackToDefaultOrASwitchToOffWithAMessageNamingTheKey() {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of(
            "OTTERIZE_TELEMETRY_CLIENT_TIMEOUT", "soon",
            "OTTERIZE_TELEMETRY_MAX_BATCH_SIZE", "-3",
            "OTTERIZE_TELEMETRY_ENABLED", "maybe",
            "OTTERIZE_API_ADDRESS", "ftp://x"))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.clientTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxBatchSize()).isEqualTo(100);
    assertThat(s.enabled()).as("a switch set to anything but true is off").isFalse();
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).problem())
        .contains("'maybe'", "OTTERIZE_TELEMETRY_ENABLED", "taken as false, as only true turns it on");
    assertThat(s.problems()).hasSize(4);
    assertThat(s.get(SettingKey.TELEMETRY_CLIENT_TIMEOUT).problem())
        .contains("telemetry-client-timeout", "soon", "OTTERIZE_TELEMETRY_CLIENT_TIMEOUT", "30s");
    assertThat(s.get(SettingKey.API_ADDRESS).problem()).contains("api-address", "http or https").endsWith("; ignored");
  }

  @Test
  void describesEverySettingWithItsSourceForStatus() {
    TelemetrySettings s = isolated().flags(List.of("--telemetry-debug=true")).resolve();

    assertThat(s.describe()).extracting(r -> r.key().key()).containsExactly(
        "telemetry-enabled", "telemetry-usage-enabled", "telemetry-errors-enabled",
        "telemetry-max-batch-size", "telemetry-interval-seconds", "telemetry-client-timeout",
        "telemetry-reset-interval-duration", "telemetry-active-interval-duration", "api-address",
        "client-id", "telemetry-debug");
    assertThat(s.get(SettingKey.TELEMETRY_DEBUG).origin()).isEqualTo("--telemetry-debug=true");
    assertThat(s.toString()).contains("telemetry-debug=true (command-line flag)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      --TELEMETRY-ENABLED=false    | FLAG            | --TELEMETRY-ENABLED=false
      --Telemetry-Enabled=false    | FLAG            | --Telemetry-Enabled=false
      -telemetry-ENABLED=off       | FLAG            | -telemetry-ENABLED=off
      OTTERIZE_Telemetry_Enabled   | ENVIRONMENT     | OTTERIZE_Telemetry_Enabled
      otterize_telemetry_enabled   | ENVIRONMENT     | otterize_telemetry_enabled
      otterize.Telemetry.Enabled   | SYSTEM_PROPERTY | otterize.Telemetry.Enabled
      otterize.telemetry-enabled   | SYSTEM_PROPERTY | otterize.telemetry-enabled
      OTTERIZE_TELEMETRY-ENABLED   | ENVIRONMENT     | OTTERIZE_TELEMETRY-ENABLED
      """)
  void anOptOutIsHonouredInAnyCaseWithoutATypoWarning(String written, SettingSource source, String origin) {
    SettingsResolver resolver = isolated();
    switch (source) {
      case FLAG -> resolver.flags(List.of("--verbose", written));
      case ENVIRONMENT -> resolver.environment(Map.of(written, "false"));
      default -> {
        Properties props = new Properties();
        props.setProperty(written, "false");
        resolver.systemProperties(props);
      }
    }

    TelemetrySettings s = resolver.resolve();

    assertThat(s.enabled()).isFalse();
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).source()).isEqualTo(source);
    assertThat(s.get(SettingKey.TELEMETRY_ENABLED).origin()).isEqualTo(origin);
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void precedenceHoldsWhateverTheCase() {
    TelemetrySettings flagOverEnv = isolated()
        .flags(List.of("--Telemetry-Enabled", "true"))
        .environment(Map.of("OTTERIZE_Telemetry_Enabled", "false"))
        .resolve();
    TelemetrySettings exactSpellingFirst = isolated()
        .environment(Map.of("OTTERIZE_TELEMETRY_ENABLED", "true", "OTTERIZE_telemetry_enabled", "false"))
        .resolve();
    TelemetrySettings doNotTrackOverAll = isolated()
        .flags(List.of("--TELEMETRY-ENABLED=true"))
        .environment(Map.of("do_not_track", "1"))
        .resolve();

    assertThat(flagOverEnv.enabled()).isTrue();
    assertThat(flagOverEnv.get(SettingKey.TELEMETRY_ENABLED).source()).isEqualTo(SettingSource.FLAG);
    assertThat(exactSpellingFirst.enabled()).isTrue();
    assertThat(doNotTrackOverAll.anythingActive()).isFalse();
  }
}
