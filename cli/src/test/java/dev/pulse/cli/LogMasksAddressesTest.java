package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.cli.logging.LogbackSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No IP address of a client reaches the log through Jetty or Javalin, in either format: the lines of
 * {@link JettyLogLines}, logged in a JVM of their own through {@code pulse}'s logging ({@link LogbackSetup}).
 */
class LogMasksAddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void jettyAndJavalinLinesKeepTheirWordsAndLoseEveryAddress(String format) throws Exception {
    String log = logOf(format);
    if (format.equals("json")) {
      log = log.replace("\\/", "/"); // JSON's escape of a slash
      assertThat(log).contains("\"formattedMessage\":\"Pending read in onCompleted", "\"cause\":{");
    }

    assertThat(log).contains("Pending read in onCompleted", "l=/<address>,r=/<address>,OPEN",
        "BadMessageException 400 from /<address>", "connection reset by <address>",
        "clients /<address>, <address>, <address> and <address>",
        "[11.0.25,sto=60000] at 13:24:01"); // a version, a number and a time are no address
    assertThat(log).doesNotContain("127.0.0.1", "8080", "54321", "10.1.2.3", "443", "2001:db8", "0:0:0:0",
        "::1", "fe80", "192.168.7.9");
  }

  private static String logOf(String format) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dpulse.log.format=" + format,
        "-cp", System.getProperty("java.class.path"), JettyLogLines.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes(); // to its end: the JVM has exited or closed it
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(log).isZero();
    return log;
  }
}
