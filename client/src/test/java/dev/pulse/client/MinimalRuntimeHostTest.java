package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host on a Java runtime made by jlink without {@code java.net.http} (the modules its own code
 * needs) keeps running, and is told in one WARNING that telemetry is off and which module to add. The
 * SDK's sender thread used to die on the first send with a NoClassDefFoundError stack trace on stderr.
 */
class MinimalRuntimeHostTest {

  private static final String HOST_MAIN = """
      package host;

      import dev.pulse.client.PulseTelemetry;
      import dev.pulse.schema.ComponentType;
      import dev.pulse.schema.EventType;
      import java.time.Duration;

      public class Main {
        public static void main(String[] args) {
          PulseTelemetry telemetry = PulseTelemetry.builder()
              .componentType(ComponentType.INTENTS_OPERATOR).version("v1.0.0").contextId("ctx")
              .defaultApiAddress("http://127.0.0.1:9").shutdownHook(false).build();
          telemetry.send(EventType.INTENTS_APPLIED, 3);
          telemetry.close(Duration.ofSeconds(5));
          System.out.println("the host ran to its end");
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void aRuntimeWithoutTheJdkHttpClientTurnsTelemetryOffInOneWarning() throws Exception {
    Run run = hostOn("java.base,java.logging", Map.of());

    assertThat(run.exitCode()).as(run.errors()).isZero();
    assertThat(run.output()).contains("the host ran to its end");
    assertThat(run.errors()).contains("Pulse telemetry is off: this Java runtime has no java.net.http module")
        .contains("jlink --add-modules java.net.http")
        .doesNotContain("Exception", "\tat ");
  }

  @ParameterizedTest(name = "telemetry off: {0}")
  @ValueSource(booleans = {false, true})
  void aRuntimeWithoutJavaLoggingRunsTheSdkWhichNeedsItOnlyForTheHostsLogHandler(boolean off) throws Exception {
    Run run = hostOn("java.base,java.net.http", off ? Map.of("DO_NOT_TRACK", "1") : Map.of());

    assertThat(run.exitCode()).as(run.errors()).isZero();
    assertThat(run.output()).contains("the host ran to its end");
    assertThat(run.errors()).doesNotContain("Exception", "Error", "\tat ");
  }

  private record Run(int exitCode, String output, String errors) {}

  /** The host main run on a runtime of {@code modules} made with jlink, in {@code environment}. */
  private Run hostOn(String modules, Map<String, String> environment) throws Exception {
    Path runtime = dir.resolve("runtime");
    run(List.of(jdkTool("jlink"), "--add-modules", modules, "--output", runtime.toString(),
        "--no-header-files", "--no-man-pages"));
    Path src = Files.createDirectories(dir.resolve("src/host"));
    Files.writeString(src.resolve("Main.java"), HOST_MAIN);
    String classPath = codeSource(PulseTelemetry.class) + File.pathSeparator + codeSource(ComponentType.class);
    Path out = dir.resolve("out");
    run(List.of(jdkTool("javac"), "-d", out.toString(), "-cp", classPath, src.resolve("Main.java").toString()));

    ProcessBuilder builder = new ProcessBuilder(runtime.resolve("bin/java").toString(), "-cp",
        classPath + File.pathSeparator + out, "host.Main")
        .redirectError(dir.resolve("stderr").toFile());
    builder.environment().putAll(environment);
    Process host = builder.start();
    String output = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("the host ends").isTrue();
    return new Run(host.exitValue(), output, Files.readString(dir.resolve("stderr")));
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ends", command.get(0)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
