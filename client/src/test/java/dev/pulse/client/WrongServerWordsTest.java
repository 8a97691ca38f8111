package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;

/**
 * Something else than a Pulse server at the address (another protocol, a server that hangs up, plain
 * HTTP given https://) is told in the words {@code pulse send-test} uses, never in Java's; what retrying
 * cannot fix is not retried.
 */
class WrongServerWordsTest {

  @TempDir Path dir;
  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  /** The reason the one error sent to {@code apiAddress} was dropped, once the WARNING said it. */
  private String droppedBecause(String apiAddress) {
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(apiAddress, dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .build();
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();
      Await.until(() -> telemetry.stats().droppedFailed() == 1, "the error dropped");
      Await.until(() -> log.warnings("send failed, the last because") > 0, "the drop warning");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.messages()).filteredOn(m -> m.contains("send failed")).singleElement().asString()
          .contains(telemetry.stats().lastFailure())
          .doesNotContain("Invalid status line", "header parser", "Unrecognized SSL", "plaintext connection?",
              "content-length");
      return telemetry.stats().lastFailure();
    }
  }

  private static String where(RawServer server) {
    return server.apiAddress().substring("http://".length());
  }

  @Test
  void anAnswerThatIsNotHttpIsToldAsSuchAndNotRetried() throws Exception {
    RawServer ssh = closing.of(RawServer.answering("SSH-2.0-OpenSSH_9.2\r\n"));

    assertThat(droppedBecause(ssh.apiAddress())).isEqualTo("the server at " + where(ssh) + " answered something"
        + " that is not HTTP (it sent \"SSH-2.0-OpenSSH_9.2\"): is api-address the address of a Pulse server?");
    assertThat(ssh.connections()).isEqualTo(1);
  }

  @Test
  void httpsToAServerWithoutTlsIsToldAsSuchAndNotRetried() throws Exception {
    RawServer plain = closing.of(RawServer.answering("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));

    assertThat(droppedBecause("https://" + where(plain)))
        .isEqualTo("the server at " + where(plain) + " does not speak TLS: give api-address with http://");
    assertThat(plain.connections()).isEqualTo(1);
  }

  @Test
  void httpToATlsServerIsToldToUseHttpsAndNotRetried() throws Exception {
    // What a TLS server sends to a request in plain text: an alert record (TLS 1.2, fatal, protocol_version).
    RawServer tls = closing.of(RawServer.answeringThenEnding("\u0015\u0003\u0003\u0000\u0002\u0002\u0046"));

    assertThat(droppedBecause(tls.apiAddress()))
        .isEqualTo("the server at " + where(tls) + " speaks TLS: give api-address with https://");
    assertThat(tls.connections()).isEqualTo(1);
  }

  @Test
  void aRedirectIsToldAsOneTheSdkDoesNotFollowAndNotRetried() throws Exception {
    RawServer moved = closing.of(RawServer.answering(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: https://pulse.example/\r\nContent-Length: 0\r\n\r\n"));

    assertThat(droppedBecause(moved.apiAddress())).isEqualTo("the server answered HTTP 301: a redirect, which the"
        + " SDK does not follow; give api-address the address it redirects to");
    assertThat(moved.connections()).isEqualTo(1);
  }

  @Test
  void aRefusalTheSdkHasNoWordsForIsToldInTheServersAndNotRetried() throws Exception {
    // What a Pulse server serving HTTPS only answers a request sent with http://.
    String body = "{\"errors\":[{\"message\":\"this server takes HTTPS only: send the request to"
        + " https://pulse.example/telemetry/query\\n\",\"extensions\":{\"code\":\"HTTPS_REQUIRED\"}}]}";
    RawServer httpsOnly = closing.of(RawServer.answering("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json"
        + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));

    assertThat(droppedBecause(httpsOnly.apiAddress())).isEqualTo("the server answered HTTP 400: this server takes"
        + " HTTPS only: send the request to https://pulse.example/telemetry/query\\n");
    assertThat(httpsOnly.connections()).isEqualTo(1);
  }

  @Test
  void anAnswerCutShortIsToldInOurWordsAndRetried() throws Exception {
    RawServer cut =
        closing.of(RawServer.answeringThenEnding("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"data\":"));

    assertThat(droppedBecause(cut.apiAddress())).isEqualTo("the connection to " + where(cut) + " closed before the"
        + " whole answer came (8 of its 1000 bytes): is the Pulse server well (its log)?");
    assertThat(cut.connections()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts());
  }

  @Test
  void aConnectionClosedBeforeAnAnswerIsToldAsSuchAndRetried() throws Exception {
    RawServer hangsUp = closing.of(RawServer.answering(null));

    assertThat(droppedBecause(hangsUp.apiAddress())).isEqualTo("the connection to " + where(hangsUp) + " closed"
        + " before an answer came: is api-address the address of a Pulse server, and is it well (its log)?");
    assertThat(hangsUp.connections()).isEqualTo(TestTelemetry.FAST_RETRY.maxAttempts());
  }
}
