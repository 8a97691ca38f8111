package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.ForwardProxy;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a corporate proxy the SDK sends as the host's other clients do: through the proxy that
 * {@code HTTP_PROXY} (or the JVM's properties) names. The endpoint's host name exists only for the
 * proxy, so a request that skipped it could not be delivered.
 */
class ProxyTest {

  @TempDir Path dir;

  @Test
  void sendsThroughTheProxyThatTheEnvironmentNames() throws Exception {
    try (FakePulseServer server = FakePulseServer.start(); ForwardProxy proxy = ForwardProxy.to(server.port())) {
      String endpoint = "http://telemetry.pulse.test:" + server.port();

      deliverOneEvent(endpoint, Map.of("HTTP_PROXY", "http://" + proxy.address()));

      assertThat(server.received()).isNotEmpty();
      assertThat(proxy.requestLines()).isNotEmpty()
          .allMatch(line -> line.startsWith("POST " + endpoint + "/"));
    }
  }

  @Test
  void answersAProxyThatAsksForTheCredentialsOfItsUrl() throws Exception {
    try (FakePulseServer server = FakePulseServer.start();
        ForwardProxy proxy = ForwardProxy.withCredentials(server.port(), "jane", "s3cr@t")) {
      String endpoint = "http://telemetry.pulse.test:" + server.port();

      deliverOneEvent(endpoint, Map.of("http_proxy", "http://jane:s3cr%40t@" + proxy.address()));

      assertThat(server.received()).isNotEmpty();
      assertThat(proxy.refused()).as("asked for credentials first").isNotEmpty();
      assertThat(proxy.requestLines()).as("passed on with them").isNotEmpty();
    }
  }

  @Test
  void aProxyThatIsDownIsNamedAsTheFailure() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PulseTelemetry telemetry = TestTelemetry.builder("http://telemetry.pulse.test:8080", dir,
        Map.of("HTTP_PROXY", "http://127.0.0.1:" + closed)).build();
    telemetry.send(EventType.INTENTS_APPLIED, 1);
    telemetry.flush();
    Await.until(() -> !telemetry.stats().lastFailure().isEmpty(), "a failed attempt");
    telemetry.close(Duration.ofMillis(200));

    assertThat(telemetry.stats().lastFailure())
        .isEqualTo("could not connect through the proxy 127.0.0.1:" + closed + " (HTTP_PROXY): is the proxy up, and is"
            + " its setting right?");
  }

  @Test
  void aProxyItCannotUseIsNamedInAWarning() {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder("http://127.0.0.1:9", dir,
          Map.of("HTTP_PROXY", "socks5://proxy.corp:1080")).build();
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.messages()).anyMatch(m -> m.contains("HTTP_PROXY names a socks5 proxy"));
    }
  }

  private void deliverOneEvent(String endpoint, Map<String, String> environment) {
    PulseTelemetry telemetry = TestTelemetry.builder(endpoint, dir, environment).build();
    telemetry.send(EventType.INTENTS_APPLIED, 1);
    telemetry.flush();
    Await.until(() -> telemetry.stats().sent() > 0, "a batch delivered through the proxy");
    telemetry.close(Duration.ofSeconds(5));
  }
}
