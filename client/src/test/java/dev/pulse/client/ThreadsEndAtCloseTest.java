package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;
import dev.pulse.schema.WireOperations;

/**
 * Every thread the SDK starts, its own and its HTTP client's (executor and selector), has ended when
 * {@code close()} returns: a host that unloads the SDK (or a test) is left with none of them.
 */
class ThreadsEndAtCloseTest {

  /**
   * Threads not the SDK's: the loopback servers the test runs, and the JVM's shared common pool, which
   * the JDK's HTTP client (JDK 21+) uses to fail a request cut short; that pool is not the SDK's to
   * stop, and its idle workers end by themselves after 60 s.
   */
  private static final List<String> NOT_OURS =
      List.of("fake-pulse-server", "raw-conn", "raw-server", "ForkJoinPool.commonPool-worker");

  @TempDir Path dir;

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet();
  }

  private static List<String> newThreads(Set<Thread> before) {
    return liveThreads().stream()
        .filter(t -> t.isAlive() && !before.contains(t))
        .map(Thread::getName)
        .filter(name -> NOT_OURS.stream().noneMatch(name::startsWith))
        .toList();
  }

  /** New threads still alive, polled briefly (a thread that has ended may take a moment to show it). */
  private static List<String> threadsLeft(Set<Thread> before) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    List<String> left = newThreads(before);
    while (!left.isEmpty() && System.nanoTime() - end < 0) {
      Thread.sleep(10); // a poll interval; the condition decides
      left = newThreads(before);
    }
    return left;
  }

  @Test
  void noThreadOfTheSdkOutlivesCloseAfterDeliveries() throws Exception {
    try (FakePulseServer server = FakePulseServer.start()) {
      Set<Thread> before = liveThreads();
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir).contextId("ctx").build();
      telemetry.send(EventType.INTENTS_APPLIED, 3);
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();
      Await.until(() -> telemetry.stats().sent() >= 4, "usage and the error delivered");
      assertThat(newThreads(before)).as("threads while running").isNotEmpty();

      assertThat(telemetry.close(Duration.ofSeconds(5))).isTrue();

      assertThat(threadsLeft(before)).as("SDK threads alive after close()").isEmpty();
    }
  }

  @Test
  void noThreadOfTheSdkOutlivesCloseWhenARequestIsCutShort() throws Exception {
    try (RawServer silent = RawServer.start(RawServer.Mode.SILENT)) {
      Set<Thread> before = liveThreads();
      PulseTelemetry telemetry = TestTelemetry.builder(silent.apiAddress(), dir).contextId("ctx").build();
      Await.until(() -> silent.connections() > 0, "a request in flight that will never be answered");

      assertThat(telemetry.close(Duration.ofMillis(300))).isFalse();

      assertThat(threadsLeft(before)).as("SDK threads alive after close()").isEmpty();
    }
  }

  @Test
  void closeWithADeadlineTooLongForNanosecondsSendsEverythingAndEndsEveryThread() throws Exception {
    try (FakePulseServer server = FakePulseServer.start()) {
      Set<Thread> before = liveThreads();
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir).contextId("ctx")
          .set(dev.pulse.client.config.SettingKey.TELEMETRY_INTERVAL_SECONDS, "3600")
          .build();
      telemetry.reportError(new IllegalStateException("kept until close"));

      assertThat(telemetry.close(ChronoUnit.FOREVER.getDuration())).isTrue();

      assertThat(telemetry.stats().droppedFailed() + telemetry.stats().droppedBufferFull()).isZero();
      assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).hasSize(1);
      assertThat(threadsLeft(before)).as("SDK threads alive after close()").isEmpty();
    }
  }
}
