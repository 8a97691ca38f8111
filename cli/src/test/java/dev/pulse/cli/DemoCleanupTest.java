package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pulse demo} removes its temporary data dir when it is stopped, and makes none it cannot serve. */
class DemoCleanupTest {

  @TempDir Path tmp;

  @Test
  void theTemporaryDataDirIsRemovedOnSigterm() throws Exception {
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp,
        "PULSE_HOST", "127.0.0.1", "PULSE_ADMIN_TOKEN", "demo-cleanup-test-token-0123");
    try (ServeProcess demo = ServeProcess.launch(List.of("demo", "--port", "0", "--installs", "5"), env)) {
      assertThat(demoDirs()).hasSize(1);
      assertThat(demo.terminate(Duration.ofSeconds(30))).isNotNegative();
    }
    assertThat(demoDirs()).isEmpty();
  }

  /**
   * SIGTERM as soon as the data set is generated, while the server opens it: the demo's own hook
   * removes the dir until the server's is in place (there was a moment with neither).
   */
  @Test
  void aStopWhileTheServerStartsRemovesTheTemporaryDataDir() throws Exception {
    List<String> command = PulseRun.pulseCommand();
    command.addAll(List.of("demo", "--port", "0", "--installs", "5"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp, "PULSE_HOST", "127.0.0.1",
        "PULSE_ADMIN_TOKEN", "demo-cleanup-test-token-0123"));
    Process demo = builder.start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("demo data set in")) {
        // the data set is being generated
      }
      assertThat(line).as("the demo announced its data set").isNotNull();
      demo.toHandle().destroy(); // SIGTERM, as Ctrl-C would stop it
      lines.transferTo(Writer.nullWriter());
    } finally {
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }

    assertThat(demoDirs()).isEmpty();
  }

  @Test
  void aPortInUseIsToldBeforeAnyDataSetIsGenerated() throws Exception {
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    try (ServerSocket taken = new ServerSocket(0)) {
      PulseRun run = PulseRun.run(env, "demo", "--port", Integer.toString(taken.getLocalPort()), "--installs", "5");

      assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
      assertThat(run.output()).contains("pulse demo: cannot start: port " + taken.getLocalPort())
          .contains("is in use by another process").doesNotContain("generated", "rollup");
    }
    assertThat(demoDirs()).isEmpty();
  }

  @Test
  void aDataDirThatHoldsADataSetIsServedAsItIsAndKeptWhateverStorePulseStoreNames() throws Exception {
    Path data = tmp.resolve("kept");
    PulseRun.generate(data, 3, 2);
    String before = PulseRun.run(Map.of(), "export", "events", "--data-dir", data.toString()).output();

    // The machine's store (a PostgreSQL listening nowhere here) is not the demo's: it serves its data dir.
    Map<String, String> env = Map.of("PULSE_HOST", "127.0.0.1", "PULSE_ADMIN_TOKEN", "demo-cleanup-test-token-0123",
        "PULSE_STORE", "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=pulse");
    try (ServeProcess demo = ServeProcess.launch(List.of("demo", "--port", "0", "--data-dir", data.toString()), env)) {
      assertThat(demo.output()).contains("serving the data set already in " + data).noneMatch(l -> l.startsWith("generated"));
      assertThat(demo.terminate(Duration.ofSeconds(30))).isNotNegative();
    }
    assertThat(PulseRun.run(Map.of(), "export", "events", "--data-dir", data.toString()).output()).isEqualTo(before);
  }

  private List<Path> demoDirs() throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("pulse-demo-")).toList();
    }
  }
}
