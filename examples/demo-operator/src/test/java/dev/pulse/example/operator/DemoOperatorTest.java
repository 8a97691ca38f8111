package dev.pulse.example.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.client.send.TelemetryStats;

/** The demo runs for its duration, reports usage and one error to the configured endpoint, and ends. */
class DemoOperatorTest {

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/telemetry/query", exchange -> {
      try (exchange; var in = new GZIPInputStream(new ByteArrayInputStream(exchange.getRequestBody().readAllBytes()))) {
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        byte[] ok = "{\"data\":{\"ok\":true}}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void reportsUsageAndOneErrorThenExits() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String address = "http://127.0.0.1:" + server.getAddress().getPort();

    long start = System.nanoTime();
    TelemetryStats stats = DemoOperator.run(isolatedBuilder(),
        new String[] {"--duration", "1", "--api-address=" + address, "--telemetry-interval-seconds=1"},
        new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(stats.dropped()).isZero();
    assertThat(String.join("\n", bodies))
        .contains("\"eventType\":\"STARTED\"", "\"eventType\":\"NAMESPACE_DISCOVERED\"",
            "\"eventType\":\"INTENTS_APPLIED\"", "\"operationName\":\"ReportErrors\"",
            "java.lang.IllegalStateException", "java.net.ConnectException");
    assertThat(bodies.stream().filter(b -> b.contains("ReportErrors"))).hasSize(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("api-address", "command-line flag", "flushed");
  }

  @Test
  void helpPrintsUsageAndSendsNothing() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String address = "http://127.0.0.1:" + server.getAddress().getPort();
    TelemetryStats stats = DemoOperator.run(isolatedBuilder(),
        new String[] {"--help", "--api-address=" + address, "--telemetry-interval-seconds=1"},
        new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar demo-operator.jar");
    assertThat(stats.sent()).isZero();
    assertThat(bodies).isEmpty();
  }

  @Test
  void staysSilentWhenTelemetryIsOff() throws Exception {
    TelemetryStats stats = DemoOperator.run(isolatedBuilder(),
        new String[] {"--duration=0", "--telemetry-enabled=false",
            "--api-address=http://127.0.0.1:" + server.getAddress().getPort()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(bodies).isEmpty();
    assertThat(stats.sent()).isZero();
  }

  private dev.pulse.client.PulseTelemetryBuilder isolatedBuilder() {
    return PulseTelemetry.builder()
        .environment(Map.of())
        .systemProperties(new Properties())
        .configDirectory(dir)
        .kubernetesApi(new KubernetesApi("", 443, dir.resolve("token"), dir.resolve("ca.crt"), Duration.ofSeconds(1)))
        .shutdownHook(false)
        .reportUncaughtExceptions(false);
  }
}
