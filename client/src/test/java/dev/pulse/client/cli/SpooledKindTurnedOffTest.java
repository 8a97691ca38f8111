package dev.pulse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.send.PayloadWriter;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.WireOperations;

/**
 * What an earlier run of a CLI spooled is sent by the next run only when that kind is still turned on:
 * a user who turned usage (or errors) off since gets none of it sent, and it leaves the spool.
 */
class SpooledKindTurnedOffTest {

  @TempDir Path dir;
  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  /** An earlier run's spool for {@code server}: one CLI command, then one error report. */
  private Spool spoolOfAnEarlierRun(FakePulseServer server) {
    Spool spool = new Spool(dir, URI.create(server.apiAddress() + "/telemetry/query"));
    String command = PayloadWriter.sendCliTelemetry(new CliTelemetry(new CliIdentifier("v1", "ctx", ""),
        new CliCommand("mapper", "export", List.of())));
    String error = PayloadWriter.reportErrors(new Component(ComponentType.CLI, "run-1", "ctx", "v1", ""),
        List.of(new ReportedError("boom", "java.lang.IllegalStateException", null, List.of(), List.of())));
    assertThat(spool.keep(List.of(command, error))).as("dropped").isEmpty();
    return spool;
  }

  private PulseTelemetry cliWith(FakePulseServer server, SettingKey off) {
    return TestTelemetry.builder(server.apiAddress(), dir)
        .componentType(ComponentType.CLI)
        .version("v2")
        .set(off, "false")
        .build();
  }

  @Test
  void withUsageTurnedOffASpooledCommandIsRemovedUnsentAndASpooledErrorSent() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start());
    Spool spool = spoolOfAnEarlierRun(server);

    PulseTelemetry telemetry = cliWith(server, SettingKey.TELEMETRY_USAGE_ENABLED);
    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();

    assertThat(server.received()).extracting(FakePulseServer.Received::operationName)
        .containsExactly(WireOperations.REPORT_ERRORS_NAME);
    assertThat(spool.file()).as("not kept for a later run either").doesNotExist();
    assertThat(telemetry.stats().droppedDisabled()).isEqualTo(1);
    assertThat(telemetry.stats().sent()).isEqualTo(1);
  }

  @Test
  void withErrorsTurnedOffASpooledErrorIsRemovedUnsentAndASpooledCommandSent() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start());
    Spool spool = spoolOfAnEarlierRun(server);

    PulseTelemetry telemetry = cliWith(server, SettingKey.TELEMETRY_ERRORS_ENABLED);
    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();

    assertThat(server.received()).extracting(FakePulseServer.Received::operationName)
        .containsExactly(WireOperations.SEND_CLI_TELEMETRY_NAME);
    assertThat(spool.file()).as("not kept for a later run either").doesNotExist();
    assertThat(telemetry.stats().droppedDisabled()).isEqualTo(1);
  }
}
