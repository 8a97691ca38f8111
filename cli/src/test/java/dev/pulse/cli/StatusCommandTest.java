package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {

  @TempDir Path dir;

  @Test
  void printsEverySettingWithItsSourceAndTheContextId() {
    StringWriter out = new StringWriter();
    CommandLine cli = PulseCommand.commandLine();
    cli.setOut(new PrintWriter(out));

    int code = cli.execute("status", "--config-dir", dir.toString(), "--telemetry-enabled=false",
        "--telemetry-max-batch-size=lots");

    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("telemetry-enabled\\s+false\\s+command-line flag \\(--telemetry-enabled=false\\)")
        .containsPattern("telemetry-interval-seconds\\s+5\\s+default")
        .contains("invalid value 'lots' for telemetry-max-batch-size")
        .contains("Telemetry: usage off, errors off")
        .containsPattern("contextId\\s+[0-9a-f]{64} \\(per-user id kept in ");
  }
}
