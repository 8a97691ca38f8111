package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;

/**
 * A mistyped setting is not silent: it is named, with the setting it probably meant; and a mistyped
 * opt-out still opts out.
 */
class TypoWarningsTest {

  @TempDir Path dir;

  private static TelemetrySettings resolve(Map<String, String> env, String... flags) {
    return new SettingsResolver().systemProperties(new Properties()).environment(env).flags(List.of(flags)).resolve();
  }

  @Test
  void namesTheClosestSettingForAMistypedFlag() {
    TelemetrySettings s = resolve(Map.of(), "--telemetry-enabeld=false", "-api-adress", "http://x", "--telemtry-debug");

    assertThat(s.enabled()).isFalse();
    assertThat(s.warnings()).containsExactly(
        "unknown flag --telemetry-enabeld=false is taken as telemetry-enabled=false; did you mean --telemetry-enabled?",
        "unknown flag -api-adress is ignored; did you mean --api-address?",
        "unknown flag --telemtry-debug is ignored; did you mean --telemetry-debug?");
  }

  @Test
  void namesASettingWrittenWithTheTelemetryPrefixByItsOwnFlag() {
    TelemetrySettings s = resolve(Map.of(), "--telemetry-api-address=http://x", "--telemetry-client-id", "a");

    assertThat(s.warnings()).containsExactly(
        "unknown flag --telemetry-api-address=http://x is ignored; did you mean --api-address?",
        "unknown flag --telemetry-client-id is ignored; did you mean --client-id?");
  }

  @Test
  void namesTheClosestSettingForAMistypedVariable() {
    TelemetrySettings s = resolve(Map.of("OTTERIZE_TELEMETRY_ENABELD", "false", "OTTERIZE_API_ADRESS", "http://x",
        "OTTERIZE_TELEMETRY_ENABLED", "true"));

    assertThat(s.warnings()).containsExactly(
        "unknown environment variable OTTERIZE_API_ADRESS is ignored; did you mean OTTERIZE_API_ADDRESS?",
        "unknown environment variable OTTERIZE_TELEMETRY_ENABELD is taken as telemetry-enabled=false;"
            + " did you mean OTTERIZE_TELEMETRY_ENABLED?");
  }

  @Test
  void namesTheClosestSettingForAMistypedSystemProperty() {
    Properties props = new Properties();
    props.setProperty("otterize.telemetry.enabeld", "false");
    props.setProperty("Otterize.Api.Adress", "http://x");
    props.setProperty("otterize.Telemetry.Enabled", "true");
    props.setProperty("otterize.client.secret", "s");
    props.setProperty("java.version", "17");

    TelemetrySettings s = new SettingsResolver().systemProperties(props).environment(Map.of()).resolve();

    assertThat(s.warnings()).containsExactly(
        "unknown system property Otterize.Api.Adress is ignored; did you mean otterize.api.address?",
        "unknown system property otterize.telemetry.enabeld is taken as telemetry-enabled=false;"
            + " did you mean otterize.telemetry.enabled?");
  }

  @Test
  void leavesTheHostsOwnFlagsAndVariablesAlone() {
    TelemetrySettings s = resolve(Map.of("OTTERIZE_CLIENT_SECRET", "s", "OTTERIZE_API_KEY", "k", "PATH", "/bin"),
        "--api-port=9", "--verbose", "--client-ids=a", "--apiserver=https://k8s", "positional");

    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void aMisspeltSwitchSetToAnythingButTrueTurnsThatSwitchOff() {
    Properties props = new Properties();
    props.setProperty("otterize.telemetry-enable", "0");

    assertThat(resolve(Map.of("OTTERIZE_TELEMETRY_ENABLE", "false")).enabled()).isFalse();
    assertThat(new SettingsResolver().systemProperties(props).environment(Map.of()).resolve().enabled()).isFalse();
    TelemetrySettings usage = resolve(Map.of("OTTERIZE_TELEMETRY_ERORS_ENABLED", "disabled"),
        "--telemetry-usage-enabld", "off", "positional");

    assertThat(usage.usageActive()).isFalse();
    assertThat(usage.errorsActive()).isFalse();
    assertThat(usage.enabled()).isTrue();
    assertThat(usage.get(SettingKey.TELEMETRY_USAGE_ENABLED)).isEqualTo(new ResolvedSetting(
        SettingKey.TELEMETRY_USAGE_ENABLED, "false", SettingSource.FLAG, "--telemetry-usage-enabld off", ""));
    assertThat(usage.warnings()).containsExactly(
        "unknown flag --telemetry-usage-enabld off is taken as telemetry-usage-enabled=false;"
            + " did you mean --telemetry-usage-enabled?",
        "unknown environment variable OTTERIZE_TELEMETRY_ERORS_ENABLED is taken as telemetry-errors-enabled=false;"
            + " did you mean OTTERIZE_TELEMETRY_ERRORS_ENABLED?");
    assertThat(SettingsResolver.unrelatedArguments(List.of("--telemetry-usage-enabld", "off", "positional")))
        .containsExactly("positional");
  }

  @Test
  void aMisspeltSwitchTurnsNothingOnButItsOffWinsOverACorrectlySpelledOn() {
    TelemetrySettings stillOff = resolve(Map.of("OTTERIZE_TELEMETRY_ENABLE", "true", "OTTERIZE_TELEMETRY_ENABLED", "no"),
        "--telemetry-enabeld");
    TelemetrySettings offWins = resolve(Map.of("OTTERIZE_TELEMETRY_ENABLE", "f"), "--telemetry-enabled=true");

    assertThat(stillOff.get(SettingKey.TELEMETRY_ENABLED).origin()).isEqualTo("OTTERIZE_TELEMETRY_ENABLED");
    assertThat(stillOff.enabled()).isFalse();
    assertThat(stillOff.warnings()).containsExactly(
        "unknown flag --telemetry-enabeld is ignored; did you mean --telemetry-enabled?",
        "unknown environment variable OTTERIZE_TELEMETRY_ENABLE is ignored; did you mean OTTERIZE_TELEMETRY_ENABLED?");
    assertThat(resolve(Map.of("OTTERIZE_TELEMETRY_ENABLE", " ")).enabled()).as("blank is not set").isTrue();
    assertThat(offWins.get(SettingKey.TELEMETRY_ENABLED)).isEqualTo(new ResolvedSetting(
        SettingKey.TELEMETRY_ENABLED, "false", SettingSource.ENVIRONMENT, "OTTERIZE_TELEMETRY_ENABLE", ""));
  }

  @Test
  void theSdkLogsEachWarningAtStartAndAMisspeltOptOutSendsNothing() throws Exception {
    try (LogCapture log = LogCapture.start(); FakePulseServer server = FakePulseServer.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .flags("--telemetry-enabeld=false").build();
      telemetry.send(EventType.INTENTS_APPLIED, 1);
      telemetry.reportError(new IllegalStateException("not to be sent"));
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.messages()).contains("Pulse telemetry: unknown flag --telemetry-enabeld=false is taken as"
          + " telemetry-enabled=false; did you mean --telemetry-enabled?");
      assertThat(telemetry.stats().droppedDisabled()).isEqualTo(2);
      assertThat(server.attempts()).isZero();
    }
  }
}
