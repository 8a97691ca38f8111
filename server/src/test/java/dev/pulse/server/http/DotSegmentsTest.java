package dev.pulse.server.http;

import static dev.pulse.server.http.RawHttp.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .} or {@code ..} segment anywhere in a path sent as it is ({@code curl --path-as-is}), not
 * only one that climbs above the root, is refused 400 in our words, before any route or token: never
 * a 404 for a path that would resolve to a route, nor resolved to one.
 */
class DotSegmentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void aDotOrDotDotSegmentAnywhereInThePathIsAnswered400SayingSo() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      for (String path : List.of("/api/v1/../v1/versions", "/api/./v1/versions", "/api/v1/versions/.",
          "/api/v1/versions/..", "/dashboard/../healthz", "/./healthz", "/api/v1/%2e/versions",
          "/api/v1/%2E%2e/v1/versions", "/api/v1/../v1/versions?from=2026-01-01")) {
        String answer = RawHttp.exchange(server, "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + TestServer.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n", Duration.ofSeconds(30));

        assertThat(answer).as(path).startsWith("HTTP/1.1 400 ");
        assertThat(header(answer, "Cache-Control")).isEqualTo("no-store");
        JsonNode error = JSON.readTree(RawHttp.body(answer)).get("errors").get(0);
        assertThat(error.get("message").asText()).as(path).isEqualTo(DotSegments.MESSAGE);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("HTTP_400");
      }
    }
  }

  @Test
  void dotsInsideASegmentAreNoDotSegment() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      for (String path : List.of("/api/v1/errors/a..b", "/api/v1/errors/...", "/api/v1/errors/.x")) {
        String answer = RawHttp.exchange(server, "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + TestServer.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n", Duration.ofSeconds(30));

        assertThat(answer).as(path).startsWith("HTTP/1.1 404 ");
      }
    }
  }
}
