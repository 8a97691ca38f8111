package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code PULSE_} variable that is no setting is named before a command runs, with the setting it may mean. */
class UnknownVariablesTest {

  @TempDir Path dir;

  @Test
  void eachUnknownVariableIsOneWarnLineNamingTheSettingItProbablyMeant() throws Exception {
    Map<String, String> env = Map.of(
        "PULSE_DATA_DIRR", "/var/lib/pulse", // one edit
        "PULSE_MAX_BODY_BYTE", "1000", // nothing close
        "PULSE_DAYS_RETENTION_EVENTS", "30", // the same words in another order
        "PULSE_RETENTION_EVENTS_DAYS", "30", // a setting
        "PULSE_BACKUP_KEEP", "3", // the backup job's
        "PULSE_SERVICE_HOST", "10.0.0.1", // Kubernetes' links of a Service named pulse
        "PULSE_PORT_8080_TCP_ADDR", "10.0.0.1",
        "PULSE_TELEMETRY_ENABLED", "false"); // a component's setting under the wrong prefix
    List<String> warnings;
    try (ServeProcess serve = ServeProcess.start(dir.resolve("data"), env)) {
      serve.awaitOutput("Pulse listening on", Duration.ofSeconds(60));
      warnings = serve.output().stream().filter(l -> l.contains(" WARN ")).toList();
    }
    assertThat(warnings).as("the WARN lines").hasSize(4);
    assertThat(warnings.get(0)).endsWith("WARN ServeCommand - PULSE_DATA_DIRR is not a Pulse setting;"
        + " did you mean PULSE_DATA_DIR? It is ignored.");
    assertThat(warnings.get(1)).endsWith("WARN ServeCommand - PULSE_DAYS_RETENTION_EVENTS is not a Pulse setting;"
        + " did you mean PULSE_RETENTION_EVENTS_DAYS? It is ignored.");
    assertThat(warnings.get(2)).endsWith("WARN ServeCommand - PULSE_MAX_BODY_BYTE is not a Pulse setting;"
        + " it is ignored (the settings are listed by 'pulse --help').");
    assertThat(warnings.get(3)).endsWith("WARN ServeCommand - " + WRONG_PREFIX);
  }

  @Test
  void aCommandThatRunsOnceWarnsOnStandardErrorAndStillRuns() throws Exception {
    Path stdout = dir.resolve("status.out");
    PulseRun status = PulseRun.start(null, ProcessBuilder.Redirect.to(stdout.toFile()),
        Map.of("PULSE_DATA_DRI", "/var/lib/pulse", "PULSE_TELEMETRY_ENABLED", "false"), "status").await();

    assertThat(status.exitCode()).isZero();
    assertThat(status.output().lines()).containsExactly(
        "pulse status: warning: PULSE_DATA_DRI is not a Pulse setting; did you mean PULSE_DATA_DIR? It is ignored.",
        "pulse status: warning: " + WRONG_PREFIX);
    // What a component would do: the variable under the wrong prefix turns nothing off.
    assertThat(Files.readString(stdout)).startsWith("Telemetry: usage on, errors on");
  }

  @Test
  void askingForHelpWarnsOfNothing() throws Exception {
    PulseRun help = PulseRun.run(Map.of("PULSE_DATA_DRI", "/var/lib/pulse"), "query", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.output()).startsWith("Usage: pulse query").doesNotContain("PULSE_DATA_DRI");
  }

  private static final String WRONG_PREFIX = "PULSE_TELEMETRY_ENABLED is not a Pulse setting: components read their"
      + " telemetry settings as OTTERIZE_TELEMETRY_ENABLED ('pulse status' shows what they would use). It is ignored.";
}
