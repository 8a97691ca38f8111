package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;

/**
 * A server that stays down is one WARNING, not one every interval: the same failure again is held back
 * (for 10 minutes), and counted in the line that says, once a request is delivered, that sending works
 * again.
 */
class LastingOutageWarnsOnceTest {

  private static final String FAILED = "(send failed, the last because the server answered HTTP 500)";

  @TempDir Path dir;
  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  @Test
  void theSameFailureIntervalAfterIntervalIsOneWarningThenOneLineWhenSendingWorksAgain() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    FakePulseServer server = closing.of(FakePulseServer.start()
        .respond((i, r) -> down.get() ? Reply.status(500) : Reply.ok()));
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .build();
      for (int interval = 1; interval <= 3; interval++) {
        int dropped = interval;
        telemetry.reportError(new IllegalStateException("boom"));
        telemetry.flush();
        Await.until(() -> telemetry.stats().droppedFailed() == dropped, "error " + dropped + " dropped");
      }
      down.set(false);
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();
      Await.until(() -> log.count("Pulse telemetry sends again") > 0, "the line saying sending works again");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.warnings(FAILED)).as("one WARNING for the outage").isEqualTo(1);
      assertThat(log.warnings("shown at most once every 10 minutes, counting what was dropped meanwhile"))
          .isEqualTo(1);
      assertThat(log.messages()).filteredOn(m -> m.contains("Pulse telemetry sends again")).singleElement()
          .asString().contains(server.apiAddress())
          .contains("since the last report: dropped 2 " + FAILED)
          .contains("Totals: sent 1, dropped (send failed) 3");
    }
  }
}
