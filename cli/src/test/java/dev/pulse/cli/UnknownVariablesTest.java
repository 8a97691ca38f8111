package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code PULSE_} variable that is no setting is named at start, with the setting it may mean. */
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
        "PULSE_PORT_8080_TCP_ADDR", "10.0.0.1");
    List<String> warnings;
    try (ServeProcess serve = ServeProcess.start(dir.resolve("data"), env)) {
      serve.awaitOutput("Pulse listening on", Duration.ofSeconds(60));
      warnings = serve.output().stream().filter(l -> l.contains(" WARN ")).toList();
    }
    assertThat(warnings).as("the WARN lines").hasSize(3);
    assertThat(warnings.get(0)).endsWith("WARN ServeCommand - PULSE_DATA_DIRR is not a Pulse setting;"
        + " did you mean PULSE_DATA_DIR? It is ignored.");
    assertThat(warnings.get(1)).endsWith("WARN ServeCommand - PULSE_DAYS_RETENTION_EVENTS is not a Pulse setting;"
        + " did you mean PULSE_RETENTION_EVENTS_DAYS? It is ignored.");
    assertThat(warnings.get(2)).endsWith("WARN ServeCommand - PULSE_MAX_BODY_BYTE is not a Pulse setting;"
        + " it is ignored (the settings are listed by 'pulse --help').");
  }
}
