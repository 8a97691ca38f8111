package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop signal that comes before {@code pulse serve} or {@code pulse demo} has taken signals over
 * (the JVM is ending already) is told as a stop, not as "failed: Shutdown in progress", and leaves no
 * data dir behind.
 */
class StopSignalFirstTest {

  @TempDir Path tmp;

  @Test
  void serveStoppedBeforeItStartedSaysSoAndCreatesNoDataDir() throws Exception {
    Path dataDir = tmp.resolve("data");
    String output = runWhileEnding("serve", "--data-dir", dataDir.toString(), "--port", "0", "--host", "127.0.0.1");

    assertThat(output).contains("pulse serve: stopped before it was under way (a stop signal came first)")
        .doesNotContain("Shutdown in progress", "failed", "Exception");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void demoStoppedBeforeItStartedSaysSoAndLeavesNoTemporaryDataDir() throws Exception {
    String output = runWhileEnding("-Djava.io.tmpdir=" + tmp, "demo", "--port", "0", "--installs", "2");

    assertThat(output).contains("pulse demo: stopped before it was under way (a stop signal came first)")
        .doesNotContain("Shutdown in progress", "failed", "Exception");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("pulse-demo-"))).isEmpty();
    }
  }

  /** Runs the command line in a JVM that is ending; leading {@code -D} words are JVM options. */
  private String runWhileEnding(String... words) throws Exception {
    List<String> command = PulseRun.javaCommand();
    int i = 0;
    for (; i < words.length && words[i].startsWith("-D"); i++) {
      command.add(1, words[i]);
    }
    command.add(RunWhileEnding.class.getName());
    command.addAll(List.of(words).subList(i, words.length));
    Path out = tmp.resolve("output.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
    builder.environment().put("PULSE_ADMIN_TOKEN", "stop-signal-first-test-token-0123");
    builder.environment().put("DO_NOT_TRACK", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("pulse did not end: " + Files.readString(out, StandardCharsets.UTF_8));
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(output).as("the command ran and returned").contains("exit code 1");
    return output;
  }
}
