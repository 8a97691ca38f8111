package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;

/** A version that cannot be found is sent as "unknown", but never silently. */
class VersionFallbackTest {

  @TempDir Path dir;

  @Test
  void versionFromAClassWithoutManifestVersionWarnsAndSendsUnknown() throws Exception {
    try (FakePulseServer server = FakePulseServer.start(); LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = PulseTelemetry.builder()
          .componentType(ComponentType.INTENTS_OPERATOR)
          .versionFrom(VersionFallbackTest.class) // test classes: a directory, no manifest
          .defaultApiAddress(server.apiAddress())
          .environment(Map.of())
          .systemProperties(new Properties())
          .configDirectory(dir)
          .kubernetesApi(TestTelemetry.notInCluster(dir))
          .shutdownHook(false)
          .reportUncaughtExceptions(false)
          .build();
      telemetry.flush();
      Await.until(() -> telemetry.stats().sent() > 0, "STARTED delivered");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(server.received().get(0).body()).contains("\"version\":\"unknown\"");
      assertThat(log.messages()).filteredOn(m -> m.contains("no component version found")).hasSize(1)
          .allMatch(m -> m.contains(VersionFallbackTest.class.getName()) && m.contains("version(...)"));
    }
  }
}
