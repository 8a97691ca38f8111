package dev.pulse.server.http;

import static dev.pulse.server.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import dev.pulse.server.ingest.IngestLimits;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The body size limits, on a server configured with small ones: 413 naming the limit. */
class BodyLimitsTest {

  private static final int COMPRESSED = 64 * 1024;
  private static final int INFLATED = 256 * 1024;

  @TempDir static Path dataDir;
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server =
        TestServer.start(
            dataDir, b -> b.limits(IngestLimits.defaults().withBodyBytes(COMPRESSED, INFLATED)));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void refusesADeclaredLengthOverTheCompressedLimit() throws Exception {
    int before = server.storedCount();
    byte[] body = Bodies.telemetries(200).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(COMPRESSED);
    assertError(server.postTelemetry(body, null), 413, "BODY_TOO_LARGE", "maxCompressedBodyBytes");
    assertThat(server.storedCount()).isEqualTo(before);
  }

  @Test
  void refusesAStreamedBodyOverTheCompressedLimitWhileReading() throws Exception {
    int before = server.storedCount();
    byte[] body = Bodies.telemetries(200).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(WireOperations.PATH))
            .header("Content-Type", "application/json")
            // No Content-Length: chunked, so only the bounded stream can notice.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    assertError(server.send(request), 413, "BODY_TOO_LARGE", "maxCompressedBodyBytes");
    assertThat(server.storedCount()).isEqualTo(before);
  }

  @Test
  void refusesAnInflatedBodyOverTheLimit() throws Exception {
    int before = server.storedCount();
    byte[] body = Bodies.telemetries(700).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(INFLATED);
    byte[] compressed = Bodies.gzip(body);
    assertThat(compressed.length).isLessThan(COMPRESSED);
    assertError(server.postTelemetry(compressed, "gzip"), 413, "BODY_TOO_LARGE", "maxBodyBytes");
    assertThat(server.storedCount()).isEqualTo(before);
  }

  @Test
  void acceptsABodyJustUnderTheLimits() throws Exception {
    byte[] body = Bodies.telemetries(100).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isLessThan(COMPRESSED);
    assertThat(server.postTelemetry(body, null).statusCode()).isEqualTo(200);
  }
}
