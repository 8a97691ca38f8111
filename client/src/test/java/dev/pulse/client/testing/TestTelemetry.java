package dev.pulse.client.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.PulseTelemetryBuilder;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.send.RetryPolicy;
import dev.pulse.schema.ComponentType;

/** A builder isolated from the machine: empty environment and properties, a temp config dir. */
public final class TestTelemetry {

  /** A fast retry policy: 3 attempts, 10-40 ms apart. */
  public static final RetryPolicy FAST_RETRY =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));

  private TestTelemetry() {}

  /** An operator-like builder pointed at {@code apiAddress}. */
  public static PulseTelemetryBuilder builder(String apiAddress, Path configDir) {
    return builder(apiAddress, configDir, Map.of());
  }

  /** Same, with this environment. */
  public static PulseTelemetryBuilder builder(String apiAddress, Path configDir, Map<String, String> env) {
    return PulseTelemetry.builder()
        .componentType(ComponentType.INTENTS_OPERATOR)
        .version("v1.2.3")
        .environment(env)
        .systemProperties(new Properties())
        .configDirectory(configDir)
        .kubernetesApi(notInCluster(configDir))
        .set(SettingKey.API_ADDRESS, apiAddress)
        .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "1")
        .shutdownHook(false)
        .reportUncaughtExceptions(false)
        .retryPolicy(FAST_RETRY)
        // close() returns as soon as everything is sent; a generous deadline keeps tests that
        // read what close() flushed honest on a loaded machine. Deadline tests set their own.
        .closeDeadline(Duration.ofSeconds(30));
  }

  /** A Kubernetes API that does not apply (no service host). */
  public static KubernetesApi notInCluster(Path dir) {
    return new KubernetesApi("", 443, dir.resolve("token"), dir.resolve("ca.crt"), Duration.ofSeconds(1));
  }

  /** Built and wrapped so tests can use try-with-resources; closes with a 5 s deadline. */
  public static PulseTelemetry start(PulseTelemetryBuilder builder) {
    return builder.build();
  }
}
