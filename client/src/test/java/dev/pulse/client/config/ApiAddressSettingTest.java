package dev.pulse.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The api-address a component sends to: refused when the SDK could not send to it, the component's own
 * default standing in for a user's value refused, and a host and port told with the URL meant.
 */
class ApiAddressSettingTest {

  private static SettingsResolver isolated() {
    return new SettingsResolver().environment(Map.of()).systemProperties(new Properties());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "http://pulse.example:99999|the port 99999 is not between 1 and 65535",
    "http://pulse.example/api?team=a|the URL has a query or fragment",
    "https://pulse.example/#x|the URL has a query or fragment",
    "http://|not a URL",
    "http://jane:S3cretPw@pulse.example/base|invalid value 'http://<credentials>@pulse.example/base' for api-address",
    "https://jane@pulse.example|the URL has a user name or password",
  })
  void anApiAddressTheSdkCouldNotSendToIsRefusedWhenRead(String address, String problem) {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("OTTERIZE_API_ADDRESS", address))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.hasEndpoint()).isFalse();
    assertThat(s.get(SettingKey.API_ADDRESS).problem()).contains(problem);
  }

  @Test
  void anApiAddressTheUserGaveThatIsRefusedLeavesTheComponentsDefaultNotNone() {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("OTTERIZE_API_ADDRESS", "ftp://pulse.example"))
        .systemProperties(new Properties())
        .hostDefault(SettingKey.API_ADDRESS, "https://telemetry.acme.example")
        .resolve();

    assertThat(s.apiAddress()).isEqualTo("https://telemetry.acme.example");
    assertThat(s.hasEndpoint()).isTrue();
    assertThat(s.get(SettingKey.API_ADDRESS).problem()).contains("invalid value 'ftp://pulse.example' for"
        + " api-address (from").endsWith("expected an http or https URL; using the component's default"
        + " https://telemetry.acme.example");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1:8080", "localhost:8080", "pulse.example:443/base"})
  void aHostAndPortWithoutASchemeIsToldWithTheUrlItProbablyMeant(String address) {
    TelemetrySettings s = new SettingsResolver()
        .environment(Map.of("OTTERIZE_API_ADDRESS", address))
        .systemProperties(new Properties())
        .resolve();

    assertThat(s.get(SettingKey.API_ADDRESS).problem()).contains("(http://" + address + "?)");
  }

  @Test
  void hostDefaultReplacesTheGoDefaultButNotWhatTheUserSet() {
    TelemetrySettings unset = isolated().hostDefault(SettingKey.API_ADDRESS, "http://localhost:8080").resolve();
    TelemetrySettings set = new SettingsResolver()
        .environment(Map.of("OTTERIZE_API_ADDRESS", "https://pulse.example"))
        .systemProperties(new Properties())
        .hostDefault(SettingKey.API_ADDRESS, "http://localhost:8080")
        .resolve();

    assertThat(unset.apiAddress()).isEqualTo("http://localhost:8080");
    assertThat(unset.get(SettingKey.API_ADDRESS).origin()).isEqualTo("host default");
    assertThat(set.apiAddress()).isEqualTo("https://pulse.example");
  }

  @Test
  void aValueWithCharactersUnsafeInALogLineGetsNoSuggestionThatWouldRepeatThem() {
    TelemetrySettings s = isolated().environment(Map.of("OTTERIZE_API_ADDRESS", "localhost:8080/a\u001b[2Jb")).resolve();

    assertThat(s.get(SettingKey.API_ADDRESS).problem()).doesNotContain("(http://", "\u001b");
  }
}
