package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Received;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;
import dev.pulse.schema.WireOperations;

/**
 * Whatever text the host gives as its version, telemetry is sent: the User-Agent header carries it in
 * printable ASCII, the body as the server takes it (control characters left out, with a WARNING).
 */
class AnyVersionTextIsSentTest {

  @TempDir Path dir;

  /** The version given; as the body carries it; as the User-Agent does; whether a WARNING says so. */
  static Stream<Arguments> versions() {
    return Stream.of(
        Arguments.of("1.0-\u03b2", "1.0-\u03b2", "1.0-?", false),
        Arguments.of("1.0-\u65e5\u672c", "1.0-\u65e5\u672c", "1.0-??", false),
        Arguments.of("1.0\n", "1.0", "1.0", true),
        Arguments.of("1.0\u0000", "1.0", "1.0", true),
        Arguments.of("1.0\t(build 7)", "1.0(build 7)", "1.0(build 7)", true));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void aVersionWithAnyCharacterIsSentAsTheServerTakesIt(String given, String body, String agent, boolean warned)
      throws Exception {
    try (FakePulseServer server = FakePulseServer.start(); LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .version(given)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_ERRORS_ENABLED, "false")
          .build();
      telemetry.send(EventType.INTENTS_APPLIED, 1);

      assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();

      assertThat(telemetry.stats().droppedFailed()).isZero();
      assertThat(telemetry.stats().lastFailure()).isEmpty();
      Received request = server.received(WireOperations.SEND_TELEMETRIES_NAME).get(0);
      assertThat(request.body()).contains("\"version\":\"" + body + "\"");
      assertThat(request.userAgent()).isEqualTo("pulse-client/INTENTS_OPERATOR/" + agent);
      assertThat(log.warnings("the component version holds control characters")).isEqualTo(warned ? 1 : 0);
    }
  }
}
