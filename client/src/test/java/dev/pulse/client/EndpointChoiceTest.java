package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.ResolvedSetting;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;

/** The SDK has no built-in endpoint: the component's maintainer chooses it, its users may override it. */
class EndpointChoiceTest {

  @TempDir Path dir;

  /** Like {@code TestTelemetry.builder} but with no api-address set anywhere. */
  private PulseTelemetryBuilder noAddress(Map<String, String> env) {
    return PulseTelemetry.builder()
        .componentType(ComponentType.INTENTS_OPERATOR)
        .version("v1")
        .environment(env)
        .systemProperties(new Properties())
        .configDirectory(dir.resolve("config"))
        .kubernetesApi(TestTelemetry.notInCluster(dir))
        .shutdownHook(false)
        .reportUncaughtExceptions(false);
  }

  @Test
  void withNoEndpointChosenTheSdkIsInertAndSaysWhyOnce() {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = noAddress(Map.of()).build();
      telemetry.send(EventType.INTENTS_APPLIED, 1);
      telemetry.flush();
      telemetry.close();

      assertThat(telemetry.isActive()).isFalse();
      assertThat(telemetry.settings().get(SettingKey.API_ADDRESS).value()).isEmpty();
      assertThat(log.messages()).filteredOn(m -> m.contains("no endpoint is configured")).hasSize(1)
          .allMatch(m -> m.contains("defaultApiAddress") && m.contains("OTTERIZE_API_ADDRESS"));
      assertThat(Files.exists(dir.resolve("config"))).as("nothing written").isFalse();
    }
  }

  @Test
  void sendsToTheMaintainersDefaultAddress() throws Exception {
    try (FakePulseServer server = FakePulseServer.start()) {
      PulseTelemetry telemetry = noAddress(Map.of()).defaultApiAddress(server.apiAddress()).build();
      telemetry.flush();
      Await.until(() -> telemetry.stats().sent() > 0, "STARTED delivered to the chosen endpoint");
      telemetry.close(Duration.ofSeconds(5));
      assertThat(server.received()).isNotEmpty();
    }
  }

  @Test
  void anAddressWithCredentialsIsRefusedWithoutEchoingThePassword() throws Exception {
    try (FakePulseServer server = FakePulseServer.start(); LogCapture log = LogCapture.start()) {
      String withCredentials = server.apiAddress().replace("http://", "http://jane:S3cretPw@") + "/base";
      PulseTelemetry telemetry = noAddress(Map.of("OTTERIZE_API_ADDRESS", withCredentials)).build();
      telemetry.send(EventType.INTENTS_APPLIED, 1);
      telemetry.close(Duration.ofSeconds(5));

      assertThat(telemetry.isActive()).isFalse();
      assertThat(server.received()).isEmpty();
      ResolvedSetting address = telemetry.settings().get(SettingKey.API_ADDRESS);
      assertThat(address.value()).isEmpty();
      assertThat(address.problem()).contains("OTTERIZE_API_ADDRESS", "user name or password")
          .doesNotContain("S3cretPw").doesNotContain("jane");
      assertThat(log.messages()).filteredOn(m -> m.contains("OTTERIZE_API_ADDRESS")).isNotEmpty()
          .noneMatch(m -> m.contains("S3cretPw"));
      assertThat(telemetry.settings().toString()).doesNotContain("S3cretPw");
    }
  }

  @Test
  void aUserAddressBeatsTheMaintainersDefault() throws Exception {
    try (FakePulseServer users = FakePulseServer.start(); FakePulseServer maintainers = FakePulseServer.start()) {
      PulseTelemetry telemetry = noAddress(Map.of("OTTERIZE_API_ADDRESS", users.apiAddress()))
          .defaultApiAddress(maintainers.apiAddress()).build();
      telemetry.flush();
      Await.until(() -> telemetry.stats().sent() > 0, "STARTED delivered");
      telemetry.close(Duration.ofSeconds(5));
      assertThat(users.received()).isNotEmpty();
      assertThat(maintainers.received()).isEmpty();
    }
  }
}
