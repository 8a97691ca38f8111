package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.WireOperations;

/**
 * A host's shutdown path often runs on an interrupted thread: {@code close()} there still delivers
 * within its deadline, then hands the interrupt back (the thread is interrupted again when it returns).
 */
class InterruptedCloseTest {

  @TempDir Path dir;
  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted(); // whatever a failed test left, not into the next one
  }

  private PulseTelemetry errorsOnly(FakePulseServer server) {
    return TestTelemetry.builder(server.apiAddress(), dir)
        .contextId("ctx")
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
        .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "3600") // nothing goes out before close
        .build();
  }

  @Test
  void closeOnAnInterruptedThreadStillDeliversThenLeavesTheThreadInterrupted() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start());
    PulseTelemetry telemetry = errorsOnly(server);
    telemetry.reportError(new IllegalStateException("on the way out"));

    Thread.currentThread().interrupt();
    boolean handled = telemetry.close(Duration.ofSeconds(30));
    boolean interruptedAfter = Thread.interrupted();

    assertThat(handled).isTrue();
    assertThat(interruptedAfter).as("the interrupt handed back").isTrue();
    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).hasSize(1);
    assertThat(telemetry.stats().sent()).isEqualTo(1);
    assertThat(telemetry.stats().lastFailure()).isEmpty();
  }

  @Test
  void anInterruptWhileCloseWaitsDoesNotCutItShort() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    FakePulseServer server = closing.of(FakePulseServer.start().respond((i, r) -> {
      answer.await(30, TimeUnit.SECONDS); // answers once the closing thread has been interrupted
      return Reply.ok();
    }));
    PulseTelemetry telemetry = errorsOnly(server);
    telemetry.reportError(new IllegalStateException("on the way out"));
    Thread closer = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      Await.until(() -> server.attempts() == 1, "the report in flight");
      closer.interrupt();
      answer.countDown();
    }, "interrupter");
    interrupter.start();

    boolean handled = telemetry.close(Duration.ofSeconds(30));
    boolean interruptedAfter = Thread.interrupted();
    interrupter.join();

    assertThat(handled).isTrue();
    assertThat(interruptedAfter).as("the interrupt handed back").isTrue();
    assertThat(telemetry.stats().sent()).isEqualTo(1);
  }
}
