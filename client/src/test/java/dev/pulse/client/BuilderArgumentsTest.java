package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.config.SettingSource;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;

/**
 * The builder refuses a bad size or deadline at once, naming the parameter; a null or blank value a
 * host may have read from a lookup that found nothing is ignored with one WARNING, never thrown.
 */
class BuilderArgumentsTest {

  @TempDir Path dir;

  @Test
  void aCloseDeadlineOfZeroOrLessIsRefused() {
    assertThatThrownBy(() -> PulseTelemetry.builder().closeDeadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("closeDeadline must be positive: PT0S");
    assertThatThrownBy(() -> PulseTelemetry.builder().closeDeadline(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("closeDeadline must be positive: PT-1S");
    assertThatThrownBy(() -> PulseTelemetry.builder().closeDeadline(null))
        .isInstanceOf(NullPointerException.class).hasMessage("closeDeadline");
  }

  @Test
  void sizesBelowOneAreRefused() {
    assertThatThrownBy(() -> PulseTelemetry.builder().bufferSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bufferSize must be at least 1: 0");
    assertThatThrownBy(() -> PulseTelemetry.builder().uniqueKeyCap(-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("uniqueKeyCap must be at least 1: -5");
  }

  @Test
  void aVersionOfNullOrBlankIsSentAsUnknownWithOneWarning() throws Exception {
    for (String version : new String[] {null, " ", "\n"}) {
      try (FakePulseServer server = FakePulseServer.start(); LogCapture log = LogCapture.start()) {
        PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir).version(version).build();
        try {
          telemetry.flush();
          Await.until(() -> telemetry.stats().sent() > 0, "STARTED delivered");
        } finally {
          telemetry.close(Duration.ofSeconds(5));
        }

        assertThat(server.received().get(0).body()).contains("\"version\":\"unknown\"");
        assertThat(log.count("is ignored")).as("warnings for %s", version).isEqualTo(1);
        assertThat(log.messages()).as("one line each").noneMatch(m -> m.contains("\n"));
      }
    }
  }

  @Test
  void aDefaultApiAddressOfNullOrBlankLeavesNoEndpointWithOneWarning() {
    for (String address : new String[] {null, ""}) {
      try (LogCapture log = LogCapture.start()) {
        PulseTelemetry telemetry = isolated().defaultApiAddress(address).build();

        assertThat(telemetry.isActive()).isFalse();
        assertThat(telemetry.settings().hasEndpoint()).isFalse();
        assertThat(log.count("is ignored")).isEqualTo(1);
      }
    }
  }

  @Test
  void aDefaultApiAddressOfNullLeavesTheUsersAddressInForce() {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = isolated()
          .environment(Map.of("OTTERIZE_API_ADDRESS", "http://127.0.0.1:9"))
          .apiAddress(null)
          .defaultApiAddress(null)
          .enabled(false) // nothing is started; the settings are what this test reads
          .build();

      assertThat(telemetry.settings().endpoint()).hasToString("http://127.0.0.1:9/telemetry/query");
      assertThat(log.count("is ignored")).isEqualTo(2);
    }
  }

  @Test
  void nullFlagsAreNoFlagsWithOneWarning() {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry fromArray = isolated().flags((String[]) null).enabled(false).build();
      PulseTelemetry fromList = isolated().flags((List<String>) null).enabled(false).build();

      assertThat(fromArray.settings().get(SettingKey.TELEMETRY_ENABLED).source()).isEqualTo(SettingSource.BUILDER);
      assertThat(fromList.settings().get(SettingKey.TELEMETRY_ENABLED).source()).isEqualTo(SettingSource.BUILDER);
      assertThat(log.count("flags(null)")).isEqualTo(2);
    }
  }

  @Test
  void settingANullValueUnsetsItWithOneWarning() {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = isolated()
          .environment(Map.of("OTTERIZE_TELEMETRY_ENABLED", "false"))
          .set(SettingKey.TELEMETRY_ENABLED, "true")
          .set(SettingKey.TELEMETRY_ENABLED, null)
          .defaultSetting(SettingKey.CLIENT_ID, "acme")
          .defaultSetting(SettingKey.CLIENT_ID, null)
          .build();

      assertThat(telemetry.settings().get(SettingKey.TELEMETRY_ENABLED).source()).isEqualTo(SettingSource.ENVIRONMENT);
      assertThat(telemetry.isActive()).isFalse();
      assertThat(telemetry.settings().get(SettingKey.CLIENT_ID).value()).isEmpty();
      assertThat(log.count("is ignored")).isEqualTo(2);
    }
  }

  @Test
  void aNullContextIdIsDerivedAsWithoutItWithOneWarning() {
    try (LogCapture log = LogCapture.start()) {
      isolated().contextId(null).enabled(false).build();

      assertThat(log.count("contextId(null)")).isEqualTo(1);
    }
  }

  private PulseTelemetryBuilder isolated() {
    return PulseTelemetry.builder()
        .componentType(ComponentType.INTENTS_OPERATOR)
        .version("v1")
        .environment(Map.of())
        .systemProperties(new Properties())
        .configDirectory(dir)
        .kubernetesApi(TestTelemetry.notInCluster(dir))
        .shutdownHook(false)
        .reportUncaughtExceptions(false);
  }
}
