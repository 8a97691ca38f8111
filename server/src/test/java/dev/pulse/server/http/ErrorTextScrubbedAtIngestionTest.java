package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.store.StoredError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error text reaches the store scrubbed, whatever the client did: the message, the cause's message and
 * metadata values, on a real server.
 */
class ErrorTextScrubbedAtIngestionTest {

  @TempDir Path dataDir;

  @Test
  void storesErrorMessagesAndMetadataWithAddressesAndHomeDirectoriesReplaced() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String cause = Bodies.error("open /home/jane/.kube/config: permission denied", "null",
          "[{\"key\":\"peer\",\"value\":\"jane@example.com\"}]");
      String error = withCause(Bodies.error("dial tcp 10.0.0.7:9092: connect: connection refused", "null", "null"), cause);
      String sameButOtherAddress =
          withCause(Bodies.error("dial tcp 10.9.9.9:9092: connect: connection refused", "null", "null"), cause);
      assertThat(server.postTelemetry(Bodies.sendErrors("[" + error + "," + sameButOtherAddress + "]")).body())
          .isEqualTo("{\"data\":{\"sendErrors\":true}}");

      List<StoredError> stored = server.errors();
      assertThat(stored).hasSize(2);
      assertThat(stored).extracting(e -> e.error().message())
          .containsOnly("dial tcp <ip>:9092: connect: connection refused");
      assertThat(stored.get(0).error().cause().message()).isEqualTo("open /home/<user>/.kube/config: permission denied");
      assertThat(stored.get(0).error().cause().metadata().get(0).value()).isEqualTo("<email>");
      assertThat(stored.get(0).fingerprint()).isEqualTo(stored.get(1).fingerprint());
      String exported = server.get("/api/v1/export/errors", TestServer.ADMIN_TOKEN).body();
      assertThat(exported).doesNotContain("10.0.0.7", "10.9.9.9", "jane");
    }
  }

  private static String withCause(String error, String cause) {
    return error.replace("\"cause\":null", "\"cause\":" + cause);
  }
}
