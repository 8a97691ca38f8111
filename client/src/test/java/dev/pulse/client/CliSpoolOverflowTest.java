package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.send.RetryPolicy;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;

/**
 * A CLI run that cannot deliver more commands than its spool holds keeps the newest, oldest first (the
 * order the next run sends them in), and counts and reports what the bound pushed out.
 */
class CliSpoolOverflowTest {

  private static final int COMMANDS = Spool.MAX_ENTRIES + 30;
  /** One attempt: each command is spooled as soon as its request fails. */
  private static final RetryPolicy ONE_ATTEMPT =
      new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));

  @TempDir Path dir;

  private PulseTelemetry cli(String apiAddress) {
    return TestTelemetry.builder(apiAddress, dir)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .firstRunNotice("otterize", new PrintStream(OutputStream.nullOutputStream()))
        .retryPolicy(ONE_ATTEMPT)
        .build();
  }

  /** Distinct command names without digits: "caaa", "caab", ... */
  private static List<String> names() {
    return IntStream.range(0, COMMANDS)
        .mapToObj(i -> "c" + (char) ('a' + i / 676 % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26))
        .toList();
  }

  private static List<String> spooledVerbs(Path dir, PulseTelemetry telemetry) {
    return new Spool(dir, telemetry.settings().endpoint()).takeAll().stream()
        .map(body -> body.replaceAll(".*\"verb\":\"([a-z]+)\".*", "$1")).toList();
  }

  @Test
  void commandsSpooledOneByOneKeepTheNewestInOrderAndCountThePushedOutAsDropped() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.Mode.RESET); LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = cli(raw.apiAddress());
      names().forEach(name -> telemetry.reportCommand("otterize mapper " + name));

      assertThat(telemetry.close(Duration.ofSeconds(60))).isTrue();

      assertThat(spooledVerbs(dir, telemetry)).containsExactlyElementsOf(names().subList(30, COMMANDS));
      TelemetryStats stats = telemetry.stats();
      assertThat(stats.spooled()).as("what the spool holds").isEqualTo(Spool.MAX_ENTRIES);
      assertThat(stats.droppedFailed()).as("what it pushed out").isEqualTo(30);
      assertThat(log.messages()).filteredOn(m -> m.contains("Pulse telemetry since the last report"))
          .as("the drops reported").isNotEmpty()
          .last().asString().contains("Totals: sent 0, dropped (send failed) 30");
    }
  }

  @Test
  void commandsLeftAtTheCloseDeadlineKeepTheNewestInOrderAndCountTheRestAsDropped() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.Mode.SILENT)) {
      PulseTelemetry telemetry = cli(raw.apiAddress());
      names().forEach(name -> telemetry.reportCommand("otterize mapper " + name));
      telemetry.flush();
      Await.until(() -> raw.connections() == 1, "the first command in flight");

      assertThat(telemetry.close(Duration.ofMillis(300))).isFalse();

      assertThat(spooledVerbs(dir, telemetry)).containsExactlyElementsOf(names().subList(30, COMMANDS));
      assertThat(telemetry.stats().spooled()).isEqualTo(Spool.MAX_ENTRIES);
      assertThat(telemetry.stats().droppedFailed()).isEqualTo(30);
    }
  }
}
