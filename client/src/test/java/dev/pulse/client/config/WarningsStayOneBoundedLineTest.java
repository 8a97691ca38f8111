package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.text.OneLine;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A WARNING about a setting quotes what it was given on one line and at most {@value
 * OneLine#MAX_QUOTED} characters of it: a value cannot forge log lines of its own, nor write
 * megabytes into the host's log.
 */
class WarningsStayOneBoundedLineTest {

  private static final String FORGED = "5\nSEVERE: forged line\u001b[31m";

  private static SettingsResolver isolated() {
    return new SettingsResolver().environment(Map.of()).systemProperties(new Properties());
  }

  @Test
  void aRejectedValueIsQuotedOnOneLineWithItsControlCharactersEscaped() {
    String problem = isolated().environment(Map.of("OTTERIZE_TELEMETRY_INTERVAL_SECONDS", FORGED)).resolve()
        .get(SettingKey.TELEMETRY_INTERVAL_SECONDS).problem();

    assertThat(problem).doesNotContain("\n", "\u001b")
        .contains("invalid value '5\\nSEVERE: forged line\\u001b[31m' for telemetry-interval-seconds");
  }

  @Test
  void aLongRejectedValueIsCutWithAMark() {
    String problem = isolated().flags(List.of("--telemetry-client-timeout=" + "9".repeat(10_000) + "x")).resolve()
        .get(SettingKey.TELEMETRY_CLIENT_TIMEOUT).problem();

    assertThat(problem).contains("'" + "9".repeat(OneLine.MAX_QUOTED) + "…'")
        .hasSizeLessThan(1_000); // the value and the flag quoted, cut: a few hundred characters of 10,000
  }

  @Test
  void aMisspeltFlagIsQuotedOnOneLineAndCut() {
    List<String> warnings = isolated()
        .flags(List.of("--api-adress=http://x\nSEVERE: forged", "--telemetry-enabeld=" + "f".repeat(10_000)))
        .resolve().warnings();

    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).doesNotContain("\n")
        .hasSizeLessThan(OneLine.MAX_QUOTED + 100));
    assertThat(warnings.get(0)).startsWith("unknown flag --api-adress=http://x\\nSEVERE: forged is ignored");
  }

  @Test
  void aValueSetInCodeIsSaidToComeFromTheBuilderOrTheHostDefaultOnce() {
    TelemetrySettings s = isolated().override(SettingKey.TELEMETRY_INTERVAL_SECONDS, "soon")
        .hostDefault(SettingKey.API_ADDRESS, "ftp://x").resolve();

    assertThat(s.get(SettingKey.TELEMETRY_INTERVAL_SECONDS).problem())
        .startsWith("invalid value 'soon' for telemetry-interval-seconds (from builder): ");
    assertThat(s.get(SettingKey.API_ADDRESS).problem())
        .startsWith("invalid value 'ftp://x' for api-address (from the host default): ");
  }

  @Test
  void anApiAddressHostLongerThanDnsAllowsIsRefused() {
    String longest = "a".repeat(61) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63);
    assertThat(longest).hasSize(ApiAddress.MAX_HOST);

    assertThat(ApiAddress.problem("https://" + longest + ":8443")).isNull();
    assertThat(ApiAddress.problem("https://" + longest + "e:8443"))
        .isEqualTo("the host name is longer than 253 characters, the most a DNS name has");
  }
}
