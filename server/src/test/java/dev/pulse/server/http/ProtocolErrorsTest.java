package dev.pulse.server.http;

import static dev.pulse.server.http.RawHttp.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any route, sent as raw bytes: the answer has the error body and the
 * safe headers of every other answer, not Jetty's HTML page, and the server goes on answering.
 */
class ProtocolErrorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void headersOverTheLimitAreAnsweredWithOurErrorBody() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String answer = exchange(server, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");

      assertOurError(server, answer, 431, "the request could not be read: its headers are larger than the 8192 bytes"
          + " the server reads; send fewer or shorter headers");
    }
  }

  @Test
  void aUriThatIsNotValidIsAnsweredWithOurErrorBodySayingWhatToCheck() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String bad = "the request could not be read: its request line or a header is not valid HTTP (a path escape"
          + " that is not % with two hex digits, %00, a '..' or '..;' segment, or a Content-Length too large to be a"
          + " number of bytes); check the address and the headers";
      for (String path : new String[] {"/api/%zz", "/api/%00", "/..;/api", "/api/%", "/..", "/%2e%2e",
          "/dashboard/..%2f..%2fpom.xml"}) {
        String answer = exchange(server, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertOurError(server, answer, 400, bad);
      }
    }
  }

  @Test
  void eachHeaderFaultIsAnsweredWithWhatIsWrongInOurWords() throws Exception {
    String post = "POST /telemetry/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    String[][] faults = {
      {post + "Content-Length: abc\r\n\r\n", "its Content-Length is not a number of bytes"},
      {post + "Content-Length: -5\r\n\r\n", "its Content-Length is not a number of bytes"},
      {post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "it has two Content-Length headers that differ; send one"},
      {post + "Transfer-Encoding: foo\r\n\r\n", "its Transfer-Encoding is not chunked (or chunked is not its last"
          + " coding); the only one taken is chunked"},
      {post + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n", "it has both a Transfer-Encoding and a"
          + " Content-Length; send one of them"},
      {"GET /healthz HTTP/1.1\r\n\r\n", "it has no Host header, which HTTP/1.1 requires"},
      {"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "it has more than one Host header; send one"},
      {"GET /healthz HTTP/1.1\r\nHost: a b\r\n\r\n",
          "its Host header is not a host name with an optional port from 1 to 65535"},
      {"GET /healthz HTTP/1.1\r\nHost: x:99999\r\n\r\n",
          "its Host header is not a host name with an optional port from 1 to 65535"},
      {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n",
          "a header goes on on the next line (obsolete line folding); send each header on one line"},
      {"GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n",
          "its request line or a header holds a character HTTP does not allow there"},
    };
    try (TestServer server = TestServer.start(dataDir)) {
      for (String[] fault : faults) {
        String answer = exchange(server, fault[0]);

        assertThat(answer).as(fault[0]).startsWith("HTTP/1.1 400 ");
        assertThat(message(answer)).as(fault[0]).isEqualTo("the request could not be read: " + fault[1]);
        assertThat(answer).doesNotContain("Exception").doesNotContain("org.eclipse");
      }
      assertThat(server.get("/healthz", null).statusCode()).as("still answering").isEqualTo(200);
    }
  }

  @Test
  void anAddressOverTheLimitIsAnsweredWithOurErrorBodySayingToShortenIt() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String answer = exchange(server, "GET /api/v1/active-installs?from=" + "1".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

      assertOurError(server, answer, 414, "the request could not be read: its address is longer than the 8192 bytes"
          + " the server reads; shorten the query");
    }
  }

  @Test
  void aRequestLineWithoutAnHttpVersionIsAnswered505WithOurErrorBody() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String answer = exchange(server, "GET /healthz\r\nHost: x\r\n\r\n");

      assertOurError(server, answer, 505, "the request could not be read: HTTP Version Not Supported (HTTP 505)");
    }
  }

  @Test
  void aMethodARouteDoesNotTakeIsAnswered405NamingTheMethodsItTakes() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String auth = "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\n";
      String analysis = exchange(server, "DELETE /api/v1/active-installs HTTP/1.1\r\nHost: x\r\n" + auth
          + "Connection: close\r\n\r\n");
      String erasure = exchange(server, "GET /api/v1/installs/abc HTTP/1.1\r\nHost: x\r\n" + auth
          + "Connection: close\r\n\r\n");

      assertThat(analysis).startsWith("HTTP/1.1 405 ").contains("\"code\":\"METHOD_NOT_ALLOWED\"")
          .contains("method not allowed: DELETE /api/v1/active-installs (it takes GET, HEAD)");
      assertThat(header(analysis, "Allow")).isEqualTo("GET, HEAD");
      assertThat(erasure).startsWith("HTTP/1.1 405 ").contains("\"code\":\"METHOD_NOT_ALLOWED\"");
      assertThat(header(erasure, "Allow")).contains("DELETE").doesNotContain("GET");
    }
  }

  @Test
  void aMethodNoRouteKnowsIsNamedAsSentQuotedAndCutWithWhatTheResourceTakes() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String foo = exchange(server, "FOO /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String longMethod = "X".repeat(100);
      String overlong = exchange(server, longMethod + " /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertThat(foo).startsWith("HTTP/1.1 405 ");
      assertThat(header(foo, "Allow")).isEqualTo("GET, HEAD");
      assertThat(message(foo)).isEqualTo("method not allowed: \"FOO\" /healthz (it takes GET, HEAD)");
      assertThat(overlong).startsWith("HTTP/1.1 405 ");
      assertThat(message(overlong))
          .isEqualTo("method not allowed: \"" + "X".repeat(64) + "…\" /healthz (it takes GET, HEAD)");
    }
  }

  @Test
  void aRequestAskingForAWebSocketIsRefusedInOurWordsAndAnotherUpgradeIsIgnored() throws Exception {
    String webSocket = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    try (TestServer server = TestServer.start(dataDir)) {
      String health = exchange(server, "GET /healthz HTTP/1.1\r\nHost: x\r\n" + webSocket + "\r\n");
      String upload = exchange(server, "POST /telemetry/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2\r\n" + webSocket + "\r\n{}");
      String h2c = exchange(server, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings, close\r\n"
          + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n");

      for (String refused : new String[] {health, upload}) {
        assertThat(refused).startsWith("HTTP/1.1 400 ").contains("\"code\":\"NO_WEBSOCKET\"");
        assertThat(message(refused)).isEqualTo("this server takes no WebSocket connections; send the request as plain"
            + " HTTP, without Upgrade: websocket");
      }
      assertThat(h2c).as("an upgrade to HTTP/2 is ignored: the answer is HTTP/1.1").startsWith("HTTP/1.1 200 ");
    }
  }

  private static String message(String answer) throws IOException {
    return JSON.readTree(RawHttp.body(answer)).get("errors").get(0).get("message").asText();
  }

  private static void assertOurError(TestServer server, String answer, int status, String message) throws Exception {
    assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
    assertThat(head.toLowerCase()).contains("content-type: application/json");
    // Jetty's own answers carry the headers every answer of ours does (SafeHeaders).
    assertThat(header(answer, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(answer, "Cache-Control")).isEqualTo("no-store");
    JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("errors").get(0);
    assertThat(error.get("message").asText()).isEqualTo(message);
    assertThat(error.get("extensions").get("code").asText()).isEqualTo("HTTP_" + status);
    assertThat(answer).doesNotContain("<h1>").doesNotContain("Exception");
    assertThat(server.get("/healthz", null).statusCode()).as("still answering").isEqualTo(200);
  }

  private static String exchange(TestServer server, String request) throws IOException {
    return RawHttp.exchange(server, request, Duration.ofSeconds(30));
  }
}
