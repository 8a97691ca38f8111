package dev.pulse.server.http;

import static dev.pulse.server.http.RawHttp.body;
import static dev.pulse.server.http.RawHttp.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import dev.pulse.server.imports.ImportRoutes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose Content-Length is over its route's limit is refused on its headers, at once, with
 * the documented 413 and {@code Connection: close}, though not one byte of its body was sent (no
 * {@code Expect: 100-continue} either). Before, Jetty held it until body bytes came or its 30 s idle
 * timeout ran out.
 */
class OversizedAnnouncementTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Far below the idle timeout and the body deadline (30 s each) that ended the wait before. */
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  @TempDir Path dataDir;

  @Test
  void aTelemetryBodyAnnouncedOverTheLimitIsRefusedOnItsHeaders() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String answer = RawHttp.exchange(server, "POST " + WireOperations.PATH + " HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n", AT_ONCE);

      assertThat(answer).startsWith("HTTP/1.1 413 ");
      assertThat(header(answer, "Connection")).isEqualTo("close");
      JsonNode error = JSON.readTree(body(answer)).get("errors").get(0);
      assertThat(error.get("extensions").get("code").asText()).isEqualTo("BODY_TOO_LARGE");
      assertThat(error.get("message").asText())
          .isEqualTo("the request body is larger than the limit of 4194304 bytes (maxCompressedBodyBytes)");
      assertThat(server.storedCount()).isZero();
    }
  }

  @Test
  void anImportAnnouncedOverTheLimitIsRefusedOnItsHeaders() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String answer = RawHttp.exchange(server, "POST " + ImportRoutes.PATH + "?kind=events HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\n"
          + "Content-Type: application/x-ndjson\r\nContent-Length: 70000000\r\n\r\n", AT_ONCE);

      assertThat(answer).startsWith("HTTP/1.1 413 ");
      assertThat(header(answer, "Connection")).isEqualTo("close");
      JsonNode error = JSON.readTree(body(answer));
      assertThat(error.get("error").asText()).isEqualTo("the body has 70000000 bytes; at most 67108864 are"
          + " accepted (pulse import --server sends a larger file in parts)");
      assertThat(error.get("parameter").asText()).isEqualTo("body");
    }
  }
}
