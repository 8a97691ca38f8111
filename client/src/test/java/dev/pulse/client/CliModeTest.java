package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.cli.FirstRunNotice;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.context.PersistedContextId;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Received;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.WireOperations;

/** A short-lived CLI: one command per run, a notice on first run, a spool for what could not go out. */
class CliModeTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream notice = new ByteArrayOutputStream();
  private FakePulseServer server;
  private RawServer raw;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (raw != null) {
      raw.close();
    }
  }

  private PulseTelemetry cli(String apiAddress) {
    return TestTelemetry.builder(apiAddress, dir)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .firstRunNotice("otterize", new PrintStream(notice, true, StandardCharsets.UTF_8))
        .closeDeadline(Duration.ofMillis(500))
        .build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void sendsTheCommandWithAPersistedContextId() throws Exception {
    server = FakePulseServer.start();
    PulseTelemetry telemetry = cli(server.apiAddress());
    telemetry.reportCommand("otterize env update add-labels --name secret");
    telemetry.reportCommand("otterize version");

    assertThat(telemetry.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received()).hasSize(1);
    Received r = server.received().get(0);
    assertThat(r.query()).isEqualTo(WireOperations.SEND_CLI_TELEMETRY);
    Map<String, Object> t = (Map<String, Object>) r.variables().get("telemetry");
    assertThat((Map<String, Object>) t.get("command"))
        .isEqualTo(Map.of("noun", "env", "verb", "update", "modifiers", java.util.List.of("add-labels")));
    Map<String, Object> identifier = (Map<String, Object>) t.get("identifier");
    assertThat(identifier).containsEntry("version", "v2.0.3").containsEntry("cloudClientId", "");
    assertThat((String) identifier.get("contextId")).matches("[0-9a-f]{64}");
    assertThat(dir.resolve(PersistedContextId.FILE_NAME)).exists();
    assertThat(r.body()).doesNotContain("secret");
    assertThat(telemetry.stats().droppedDisabled()).isZero();
  }

  @Test
  void showsTheFirstRunNoticeOnce() throws Exception {
    server = FakePulseServer.start();

    cli(server.apiAddress()).close();
    cli(server.apiAddress()).close();

    assertThat(notice.toString(StandardCharsets.UTF_8)).containsOnlyOnce("anonymous usage");
    assertThat(dir.resolve(FirstRunNotice.MARKER)).exists();
  }

  @Test
  void spoolsWhatCouldNotBeSentAndSendsItNextRun() throws Exception {
    raw = RawServer.start(RawServer.Mode.RESET);
    PulseTelemetry first = cli(raw.apiAddress());
    first.reportCommand("otterize mapper export");
    first.close(Duration.ofSeconds(5));
    assertThat(first.stats().spooled()).isEqualTo(1);
    assertThat(dir.resolve(Spool.FILE_NAME)).exists();

    server = FakePulseServer.start();
    PulseTelemetry second = cli(server.apiAddress());
    second.reportCommand("otterize intents list");
    assertThat(second.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME))
        .extracting(r -> r.body().contains("\"noun\":\"mapper\"") ? "mapper" : "intents")
        .containsExactlyInAnyOrder("mapper", "intents");
    assertThat(dir.resolve(Spool.FILE_NAME)).doesNotExist();
  }

  @Test
  void spoolsTheCommandInFlightWhenTheServerNeverAnswers() throws Exception {
    raw = RawServer.start(RawServer.Mode.SILENT);
    PulseTelemetry telemetry = cli(raw.apiAddress());
    telemetry.reportCommand("otterize mapper export");

    long start = System.nanoTime();
    assertThat(telemetry.close(Duration.ofMillis(500))).isFalse();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(new Spool(dir).takeAll()).singleElement().asString().contains("\"noun\":\"mapper\"");
  }

  @Test
  void keepsAServerRejectionOutOfTheSpool() throws Exception {
    server = FakePulseServer.start().respond((i, r) -> Reply.status(400));
    PulseTelemetry telemetry = cli(server.apiAddress());
    telemetry.reportCommand("otterize mapper export");
    telemetry.close(Duration.ofSeconds(5));

    // A 400 will never succeed, but the CLI cannot tell a bad server from a bad request: it keeps it.
    assertThat(telemetry.stats().spooled() + telemetry.stats().droppedFailed()).isEqualTo(1);
  }
}
