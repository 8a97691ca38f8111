package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;

/** A mistyped opt-out is not silent: it is named, with the setting it probably meant. */
class TypoWarningsTest {

  @TempDir Path dir;

  private static TelemetrySettings resolve(Map<String, String> env, String... flags) {
    return new SettingsResolver().systemProperties(new Properties()).environment(env).flags(List.of(flags)).resolve();
  }

  @Test
  void namesTheClosestSettingForAMistypedFlag() {
    TelemetrySettings s = resolve(Map.of(), "--telemetry-enabeld=false", "-api-adress", "http://x", "--telemtry-debug");

    assertThat(s.enabled()).isTrue();
    assertThat(s.warnings()).containsExactly(
        "unknown flag --telemetry-enabeld=false is ignored; did you mean --telemetry-enabled?",
        "unknown flag -api-adress is ignored; did you mean --api-address?",
        "unknown flag --telemtry-debug is ignored; did you mean --telemetry-debug?");
  }

  @Test
  void namesTheClosestSettingForAMistypedVariable() {
    TelemetrySettings s = resolve(Map.of("OTTERIZE_TELEMETRY_ENABELD", "false", "OTTERIZE_API_ADRESS", "http://x",
        "OTTERIZE_TELEMETRY_ENABLED", "true"));

    assertThat(s.warnings()).containsExactly(
        "unknown environment variable OTTERIZE_API_ADRESS is ignored; did you mean OTTERIZE_API_ADDRESS?",
        "unknown environment variable OTTERIZE_TELEMETRY_ENABELD is ignored;"
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
        "unknown system property otterize.telemetry.enabeld is ignored; did you mean otterize.telemetry.enabled?");
  }

  @Test
  void leavesTheHostsOwnFlagsAndVariablesAlone() {
    TelemetrySettings s = resolve(Map.of("OTTERIZE_CLIENT_SECRET", "s", "OTTERIZE_API_KEY", "k", "PATH", "/bin"),
        "--api-port=9", "--verbose", "--client-ids=a", "--apiserver=https://k8s", "positional");

    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void theSdkLogsEachWarningAtStart() {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder("http://127.0.0.1:9", dir)
          .flags("--telemetry-enabeld=false").shutdownHook(false).build();
      telemetry.close(java.time.Duration.ofMillis(100));

      assertThat(log.messages()).contains(
          "Pulse telemetry: unknown flag --telemetry-enabeld=false is ignored; did you mean --telemetry-enabled?");
    }
  }
}
