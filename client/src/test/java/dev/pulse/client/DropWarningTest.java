package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.SelfSignedTls;
import dev.pulse.client.testing.TestTelemetry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one WARNING line about dropped telemetry says why the last send failed and what to do, in
 * words: the host's operator should not need debug mode to learn that api-address is wrong.
 */
class DropWarningTest {

  @TempDir Path dir;

  private PulseTelemetry errorsOnly(String apiAddress) {
    return TestTelemetry.builder(apiAddress, dir)
        .contextId("ctx")
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
        .set(SettingKey.TELEMETRY_CLIENT_TIMEOUT, "2s")
        .build();
  }

  @Test
  void aWrongAddressIsNamedInTheWarning() throws Exception {
    try (FakePulseServer server = FakePulseServer.start().respond((i, r) -> Reply.status(404));
        LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = errorsOnly(server.apiAddress());
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();

      Await.until(() -> log.count("send failed, the last because") > 0, "the drop warning");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.messages()).filteredOn(m -> m.contains("send failed")).singleElement().asString()
          .contains("the server answered HTTP 404: is api-address the base URL of a Pulse server?")
          .contains(server.apiAddress());
    }
  }

  @Test
  void whatTheCloseDeadlineCutShortIsReportedInTheWarningAndLastFailure() throws Exception {
    try (RawServer raw = RawServer.start(RawServer.Mode.SILENT); LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(raw.apiAddress(), dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .build(); // the default client timeout (30 s): only the close deadline ends the request
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();
      Await.until(() -> raw.connections() == 1, "the report in flight");

      assertThat(telemetry.close(Duration.ofMillis(500))).isFalse();

      String where = raw.apiAddress().substring("http://".length());
      assertThat(telemetry.stats().droppedFailed()).isEqualTo(1);
      assertThat(telemetry.stats().lastFailure()).isEqualTo("no answer from " + where + " before the close deadline");
      assertThat(log.messages()).filteredOn(m -> m.contains("send failed")).singleElement().asString()
          .contains("dropped 1 (send failed, the last because no answer from " + where);
    }
  }

  @Test
  void anUntrustedCertificateIsNamedAndNotRetried() throws Exception {
    SelfSignedTls tls = SelfSignedTls.generate(dir, "pulse");
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    AtomicInteger answered = new AtomicInteger();
    https.createContext("/", exchange -> {
      answered.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    https.start();
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = errorsOnly("https://127.0.0.1:" + https.getAddress().getPort());
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();

      Await.until(() -> telemetry.stats().droppedFailed() == 1, "the error dropped");
      Await.until(() -> log.count("send failed, the last because") > 0, "the drop warning");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(telemetry.stats().retried()).as("the next attempt would meet the same certificate").isZero();
      assertThat(answered).hasValue(0);
      assertThat(log.messages()).filteredOn(m -> m.contains("send failed")).singleElement().asString()
          .contains("the TLS certificate of 127.0.0.1:" + https.getAddress().getPort() + " is not trusted")
          .contains("add its CA to the JVM's trust store")
          .doesNotContain("Exception");
    } finally {
      https.stop(0);
    }
  }

  @Test
  void aHostThatTellsTheOutcomeItselfCanTurnOffTheDropWarningByItsLoggerAlone() throws Exception {
    java.util.logging.Logger drops = java.util.logging.Logger.getLogger(TelemetryStats.DROPS_LOGGER);
    try (FakePulseServer server = FakePulseServer.start().respond((i, r) -> Reply.status(404));
        LogCapture log = LogCapture.start()) {
      drops.setLevel(java.util.logging.Level.OFF);
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .set(SettingKey.TELEMETRY_DEBUG, "true")
          .build();
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();
      Await.until(() -> telemetry.stats().droppedFailed() == 1, "the report dropped");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.count("since the last report")).as("the drop warning").isZero();
      assertThat(log.count("dropped")).as("the SDK's other lines (telemetry-debug) stay").isPositive();
    } finally {
      drops.setLevel(null);
    }
  }
}
