package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.TestTelemetry;

/**
 * Whatever answers at the address, what it says is quoted on one line and cut short, in the WARNING
 * and in {@code lastFailure}: it cannot write lines of its own into the host's log.
 */
class ServerTextStaysOnOneLineTest {

  @TempDir Path dir;
  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  private static Reply graphQlError(String messageJson) {
    return new Reply(200, Map.of(), "{\"errors\":[{\"message\":" + messageJson + "}]}", false);
  }

  private String rejectedWith(Reply reply) throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start().respond((i, r) -> reply));
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
          .contextId("ctx")
          .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
          .build();
      telemetry.reportError(new IllegalStateException("boom"));
      telemetry.flush();
      Await.until(() -> log.warnings("send failed, the last because") > 0, "the drop warning");
      telemetry.close(Duration.ofSeconds(5));

      assertThat(log.messages()).filteredOn(m -> m.contains("send failed")).singleElement().asString()
          .contains(telemetry.stats().lastFailure());
      return telemetry.stats().lastFailure();
    }
  }

  @Test
  void aLineBreakOrTerminalEscapeInTheServersErrorIsQuotedOnOneLine() throws Exception {
    String failure = rejectedWith(graphQlError("\"boom\\nSEVERE: fake line injected\\r\\u001b[31m\\u2028x\""));

    assertThat(failure)
        .isEqualTo("the server rejected the batch: boom\\nSEVERE: fake line injected\\r\\u001b[31m\\u2028x")
        .doesNotContain("\n", "\r", "\u001b", "\u2028");
  }

  @Test
  void aLongErrorFromTheServerIsCutShort() throws Exception {
    String failure = rejectedWith(graphQlError("\"" + "x".repeat(10_000) + "\""));

    assertThat(failure).startsWith("the server rejected the batch: xxx").endsWith("x…")
        .hasSize("the server rejected the batch: ".length() + 200 + 1);
  }
}
