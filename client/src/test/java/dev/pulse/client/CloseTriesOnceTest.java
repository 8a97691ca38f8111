package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.send.RetryPolicy;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;

/**
 * A CLI closing while its server cannot be reached makes one attempt and keeps everything for the
 * next run, never waiting out the retry backoff at exit; a service still retries within the deadline.
 */
class CloseTriesOnceTest {

  private static final List<String> VERBS = List.of("export", "visualize", "reset");

  @TempDir Path dir;
  private FakePulseServer server;
  private RawServer raw;

  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  /** A CLI with the default retry policy that sends nothing before close (a long interval). */
  private PulseTelemetry cli(String apiAddress) {
    return TestTelemetry.builder(apiAddress, dir)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "3600")
        .set(SettingKey.TELEMETRY_CLIENT_TIMEOUT, "1s")
        .retryPolicy(RetryPolicy.DEFAULT)
        .closeDeadline(Duration.ofSeconds(30))
        .build();
  }

  private void reportAndClose(PulseTelemetry telemetry) {
    VERBS.forEach(verb -> telemetry.reportCommand("otterize mapper " + verb));
    telemetry.close(Duration.ofSeconds(30));
  }

  private void assertAllSpooled(PulseTelemetry telemetry) {
    assertThat(new Spool(dir, telemetry.settings().endpoint()).takeAll()).as("all three, oldest first")
        .extracting(body -> body.replaceAll(".*\"verb\":\"([a-z]+)\".*", "$1")).containsExactlyElementsOf(VERBS);
    assertThat(telemetry.stats().spooled()).isEqualTo(3);
    assertThat(telemetry.stats().retried()).as("no backoff at close").isZero();
    assertThat(telemetry.stats().droppedFailed()).isZero();
  }

  @Test
  void aCliClosingWhileTheServerAnswers500MakesOneAttemptAndSpoolsEveryCommand() throws Exception {
    server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.status(500)));
    PulseTelemetry telemetry = cli(server.apiAddress());

    reportAndClose(telemetry);

    assertThat(server.attempts()).as("one attempt, not one per retry nor per command").isEqualTo(1);
    assertAllSpooled(telemetry);
    assertThat(telemetry.stats().lastFailure()).contains("500");
  }

  @Test
  void aCliClosingWhenTheServerAsksForQuietWaitsNotForItAndSpoolsEveryCommand() throws Exception {
    server = closing.of(
        FakePulseServer.start().respond((i, r) -> new Reply(503, Map.of("Retry-After", "1"), "{}", false)));
    PulseTelemetry telemetry = cli(server.apiAddress());

    reportAndClose(telemetry);

    assertThat(server.attempts()).as("one attempt, not one after each pause").isEqualTo(1);
    assertAllSpooled(telemetry);
  }

  @Test
  void aCliClosingWhileTheServerHangsMakesOneAttemptAndSpoolsEveryCommand() throws Exception {
    raw = closing.of(RawServer.start(RawServer.Mode.SILENT));
    PulseTelemetry telemetry = cli(raw.apiAddress());

    reportAndClose(telemetry);

    assertThat(raw.connections()).as("one attempt, cut at the client timeout, not retried").isEqualTo(1);
    assertAllSpooled(telemetry);
  }

  @Test
  void aCliClosingWhileTheConnectionIsRefusedSpoolsEveryCommandWithoutRetrying() throws Exception {
    int port;
    try (ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = nobody.getLocalPort();
    }
    PulseTelemetry telemetry = cli("http://127.0.0.1:" + port);

    reportAndClose(telemetry);

    assertAllSpooled(telemetry);
  }

  @Test
  void aServiceClosingWhileTheServerAnswers500StillRetriesWithinTheDeadline() throws Exception {
    server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.status(500)));
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .set(SettingKey.TELEMETRY_INTERVAL_SECONDS, "3600")
        .build();
    telemetry.reportError(new IllegalStateException("boom"));

    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();

    assertThat(server.attempts()).as("nothing is kept for a next run: the retries are its only chance")
        .isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts() * 2);
    assertThat(telemetry.stats().droppedFailed()).isEqualTo(3);
  }
}
