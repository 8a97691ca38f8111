package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;

/** Off means off: no thread, no socket, no file, and calls that cost next to nothing. */
class DisabledIsInertTest {

  @TempDir Path dir;
  private FakePulseServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakePulseServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Map<String, String>> offSwitches() {
    return Stream.of(
        Map.of("OTTERIZE_TELEMETRY_ENABLED", "false"),
        Map.of("DO_NOT_TRACK", "1"),
        Map.of("OTTERIZE_TELEMETRY_USAGE_ENABLED", "false", "OTTERIZE_TELEMETRY_ERRORS_ENABLED", "false"));
  }

  private static List<String> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("pulse-telemetry") || n.startsWith("HttpClient")).toList();
  }

  @ParameterizedTest
  @MethodSource("offSwitches")
  void startsNoThreadOpensNoSocketWritesNoFile(Map<String, String> env) throws IOException {
    List<String> before = sdkThreads();
    Path config = dir.resolve("config");

    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), config, env)
        .componentType(ComponentType.CLI)
        .shutdownHook(true)
        .reportUncaughtExceptions(true)
        .build();
    telemetry.send(EventType.MAPPER_EXPORT, 1);
    telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, "a");
    telemetry.reportError(new RuntimeException("x"));
    telemetry.reportCommand("otterize mapper export");
    telemetry.flush();
    telemetry.close();

    assertThat(telemetry.isActive()).isFalse();
    assertThat(sdkThreads()).isEqualTo(before);
    assertThat(server.attempts()).isZero();
    assertThat(Files.exists(config)).isFalse();
    assertThat(telemetry.stats().droppedDisabled()).isEqualTo(4);
    assertThat(Thread.getDefaultUncaughtExceptionHandler()
        instanceof dev.pulse.client.errors.UncaughtExceptionReporter).isFalse();
  }

  @Test
  void callsCostNanosecondsWhenOff() {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .set(SettingKey.TELEMETRY_ENABLED, "false").build();

    long start = System.nanoTime();
    for (int i = 0; i < 1_000_000; i++) {
      telemetry.send(EventType.MAPPER_EXPORT, 1);
      telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, "k");
    }

    // 2 million calls; a generous bound (1 µs a call) that still fails if a call did real work.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anonymizeStillWorksWhenOff() {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .set(SettingKey.TELEMETRY_ENABLED, "false").build();

    assertThat(telemetry.anonymize("x")).isEqualTo(dev.pulse.schema.Anonymizer.anonymizeDefault("x"));
  }
}
