package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.BodyServer;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;

/** The host is never hurt by a bad endpoint: bounded waits, bounded memory, exact accounting. */
class MisbehavingServerTest {

  @TempDir Path dir;
  private FakePulseServer server;
  private RawServer raw;
  private PulseTelemetry telemetry;

  @AfterEach
  void stop() throws Exception {
    if (telemetry != null) {
      telemetry.close(Duration.ofMillis(200));
    }
    if (server != null) {
      server.close();
    }
    if (raw != null) {
      raw.close();
    }
  }

  /** Errors only, so every request and every count is ours to predict. */
  private PulseTelemetry errorsOnly(String apiAddress) {
    telemetry = TestTelemetry.builder(apiAddress, dir)
        .contextId("ctx")
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
        .set(SettingKey.TELEMETRY_CLIENT_TIMEOUT, "2s")
        .build();
    return telemetry;
  }

  private static RuntimeException cheapError() {
    RuntimeException e = new RuntimeException("boom");
    e.setStackTrace(new StackTraceElement[] {new StackTraceElement("Host", "work", "Host.java", 1)});
    return e;
  }

  private void reportErrors(int n) {
    RuntimeException e = cheapError();
    for (int i = 0; i < n; i++) {
      telemetry.reportError(e);
    }
  }

  @Test
  void retriesServerErrorsThenDropsAndCountsExactly() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> Reply.status(500));
    errorsOnly(server.apiAddress());

    reportErrors(5);
    telemetry.flush();

    Await.until(() -> telemetry.stats().droppedFailed() == 5, "5 errors dropped as failed");
    assertThat(server.attempts()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts());
    assertThat(telemetry.stats().retried()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts() - 1);
    assertThat(telemetry.stats().sent()).isZero();
  }

  @Test
  void deliversAfterATransientFailure() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> i == 0 ? Reply.status(503) : Reply.ok());
    errorsOnly(server.apiAddress());

    reportErrors(2);
    telemetry.flush();

    Await.until(() -> telemetry.stats().sent() == 2, "2 errors delivered");
    assertThat(telemetry.stats().retried()).isEqualTo(1);
    assertThat(telemetry.stats().dropped()).isZero();
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    AtomicLong firstAt = new AtomicLong();
    AtomicLong secondAt = new AtomicLong();
    server = FakePulseServer.start().respond((i, r) -> {
      if (i == 0) {
        firstAt.set(System.nanoTime());
        return new Reply(429, Map.of("Retry-After", "1"), "{}", false);
      }
      secondAt.set(System.nanoTime());
      return Reply.ok();
    });
    errorsOnly(server.apiAddress());

    reportErrors(1);
    telemetry.flush();

    Await.until(() -> telemetry.stats().sent() == 1, "delivered after Retry-After");
    // A lower bound the client guarantees (it waited the server's second), not a scheduling guess.
    assertThat(Duration.ofNanos(secondAt.get() - firstAt.get())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void doesNotRetryARejectedBatch() throws Exception {
    server = FakePulseServer.start().respond((i, r) ->
        new Reply(200, Map.of(), "{\"errors\":[{\"message\":\"bad errorClass\"}]}", false));
    errorsOnly(server.apiAddress());

    reportErrors(2);
    telemetry.flush();

    Await.until(() -> telemetry.stats().droppedFailed() == 2, "rejected");
    assertThat(server.attempts()).isEqualTo(1);
  }

  @Test
  void aSuccessStatusWithoutAGraphQlAnswerIsNotTakenForDeliveryNorRetried() throws Exception {
    // A web server or proxy at the address that answers 200 to any POST: nothing reached Pulse.
    server = FakePulseServer.start().respond((i, r) -> new Reply(200, Map.of(), "<html>oops", false));
    errorsOnly(server.apiAddress());

    reportErrors(1);
    telemetry.flush();

    Await.until(() -> telemetry.stats().droppedFailed() == 1, "given up");
    assertThat(telemetry.stats().sent()).isZero();
    assertThat(server.attempts()).isEqualTo(1);
    assertThat(telemetry.stats().lastFailure())
        .startsWith("the server answered with something other than a GraphQL response: is api-address the base URL");
  }

  @Test
  void retriesConnectionResetsThenDrops() throws Exception {
    raw = RawServer.start(RawServer.Mode.RESET);
    errorsOnly(raw.apiAddress());

    reportErrors(4);
    telemetry.flush();

    Await.until(() -> telemetry.stats().droppedFailed() == 4, "dropped after resets");
    assertThat(telemetry.stats().retried()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts() - 1);
  }

  @Test
  void aBodyTrickledAfterTheHeadersTimesOutIsRetriedThenDropped() throws Exception {
    try (BodyServer trickle = BodyServer.trickle()) {
      telemetry = TestTelemetry.builder(trickle.apiAddress(), dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .set(SettingKey.TELEMETRY_CLIENT_TIMEOUT, "300ms")
          .build();

      reportErrors(1);
      telemetry.flush();

      Await.until(() -> telemetry.stats().droppedFailed() == 1, Duration.ofSeconds(20), "dropped after timeouts");
      assertThat(trickle.requests()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts());
      assertThat(telemetry.stats().retried()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts() - 1);
      assertThat(telemetry.stats().lastFailure()).contains("in time");
    }
  }

  @Test
  void retriesWhenNothingListens() throws Exception {
    raw = RawServer.start(RawServer.Mode.RESET);
    String address = raw.apiAddress();
    raw.close();
    raw = null;
    errorsOnly(address);

    reportErrors(1);
    telemetry.flush();

    Await.until(() -> telemetry.stats().droppedFailed() == 1, "dropped: connection refused");
  }

  @Test
  void waitsForASlowServer() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> {
      Thread.sleep(300); // the server is slow; the test synchronises on stats, not on this
      return Reply.ok();
    });
    errorsOnly(server.apiAddress());

    reportErrors(1);

    assertThat(telemetry.close(Duration.ofSeconds(5))).isTrue();
    assertThat(telemetry.stats().sent()).isEqualTo(1);
  }

  @Test
  void closeMeetsItsDeadlineWhenTheServerNeverAnswers() throws Exception {
    raw = RawServer.start(RawServer.Mode.SILENT);
    telemetry = TestTelemetry.builder(raw.apiAddress(), dir).contextId("ctx").build();
    Await.until(() -> raw.connections() > 0, "a request in flight");
    telemetry.send(EventType.MAPPER_EXPORT, 1);

    long start = System.nanoTime();
    boolean finished = telemetry.close(Duration.ofMillis(300));

    assertThat(finished).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aMillionEventsAtADeadEndpointNeverBlockTheHostAndStayBounded() throws Exception {
    raw = RawServer.start(RawServer.Mode.SILENT);
    telemetry = TestTelemetry.builder(raw.apiAddress(), dir)
        .contextId("ctx")
        .set(SettingKey.TELEMETRY_CLIENT_TIMEOUT, "30s")
        .build();
    // The worker is now stuck on its first request (STARTED/ACTIVE), so the buffer only fills.
    Await.until(() -> raw.connections() > 0, "the worker stuck in a request");
    long heapBefore = usedHeapAfterGc();

    long start = System.nanoTime();
    RuntimeException error = cheapError();
    for (int i = 0; i < 1_000_000; i++) {
      telemetry.send(EventType.MAPPER_EXPORT, 1);
      telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, "svc-" + (i % 1000));
      telemetry.reportError(error);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    TelemetryStats stats = telemetry.stats();
    assertThat(took).isLessThan(Duration.ofSeconds(60)); // never blocked on the dead endpoint
    assertThat(stats.droppedBufferFull()).isEqualTo(1_000_000 - 5000);
    assertThat(stats.droppedFailed() + stats.droppedDisabled()).isZero();
    assertThat(usedHeapAfterGc() - heapBefore).isLessThan(100L * 1024 * 1024);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
