package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.schema.ComponentType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host on the module path ({@code requires dev.pulse.client}) sends its telemetry: the SDK is the
 * module {@code dev.pulse.client} and reads the JDK modules it uses. As an automatic module it was
 * named after its jar file, and its sender thread died on a missing {@code java.net.http}.
 */
class ModularHostTest {

  private static final String HOST_MODULE = "module host { requires dev.pulse.client; }\n";

  private static final String HOST_MAIN = """
      package host;

      import dev.pulse.client.PulseTelemetry;
      import dev.pulse.client.context.KubernetesApi;
      import dev.pulse.schema.ComponentType;
      import dev.pulse.schema.EventType;
      import java.nio.file.Path;
      import java.time.Duration;
      import java.util.Map;
      import java.util.Properties;

      public class Main {
        public static void main(String[] args) {
          Path dir = Path.of(args[1]);
          PulseTelemetry telemetry = PulseTelemetry.builder()
              .componentType(ComponentType.INTENTS_OPERATOR).version("v1.0.0").contextId("ctx")
              .environment(Map.of()).systemProperties(new Properties()).configDirectory(dir)
              .kubernetesApi(new KubernetesApi("", 443, dir.resolve("token"), dir.resolve("ca.crt"), Duration.ofSeconds(1)))
              .defaultApiAddress(args[0]).shutdownHook(false).build();
          telemetry.send(EventType.INTENTS_APPLIED, 3);
          telemetry.close(Duration.ofSeconds(20));
          System.out.println("sent " + telemetry.stats().sent());
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void aHostOnTheModulePathSendsThroughTheSdkModule() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/host/host"));
    Files.writeString(dir.resolve("src/host/module-info.java"), HOST_MODULE);
    Files.writeString(src.resolve("Main.java"), HOST_MAIN);
    String modulePath = codeSource(PulseTelemetry.class) + File.pathSeparator + codeSource(ComponentType.class);
    Path out = dir.resolve("out");
    Process javac = new ProcessBuilder(jdkTool("javac"), "-d", out.toString(), "--module-path", modulePath,
        dir.resolve("src/host/module-info.java").toString(), src.resolve("Main.java").toString())
        .redirectErrorStream(true).start();
    String compilerOutput = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(javac.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(javac.exitValue()).as("the host compiles against the SDK's module: %s", compilerOutput).isZero();

    try (FakePulseServer server = FakePulseServer.start()) {
      Process host = new ProcessBuilder(jdkTool("java"), "--module-path", modulePath + File.pathSeparator + out,
          "-m", "host/host.Main", server.apiAddress(), dir.resolve("config").toString())
          .redirectError(dir.resolve("stderr").toFile()).start();
      String output = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("the host ends").isTrue();

      String errors = Files.readString(dir.resolve("stderr"));
      assertThat(host.exitValue()).as(errors).isZero();
      assertThat(errors).doesNotContain("Exception", "Error");
      assertThat(output).as(errors).contains("sent ");
      assertThat(output.strip()).isNotEqualTo("sent 0");
      assertThat(server.received()).isNotEmpty();
    }
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
