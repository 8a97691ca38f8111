package dev.pulse.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.ClientLimits;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/import} over a real server: a body that is not UTF-8 is refused, not mangled. */
class ImportRoutesTest {

  private static final String LINE = "{\"receivedAt\":\"2026-11-05T10:00:00.000Z\",\"componentType\":\"NETWORK_MAPPER\","
      + "\"componentInstanceId\":\"%s\",\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\","
      + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}\n";

  @TempDir Path dataDir;

  @Test
  void aBodyThatIsNotUtf8IsRefusedWholeInsteadOfStoredWithReplacementCharacters() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(String.format(LINE, "i-1").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(String.format(LINE, "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1)); // é as one byte
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("not UTF-8 text").contains("\"parameter\":\"body\"");
      assertThat(server.events()).as("all or nothing over HTTP").isEmpty();
    }
  }

  @Test
  void aGzipBodyIsImportedAndABrokenOneOrAnotherEncodingIsRefusedStoringNothing() throws Exception {
    String text = String.format(LINE, "i-1") + String.format(LINE, "i-2");
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] cut = Arrays.copyOf(gzipped.toByteArray(), gzipped.size() - 12);
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> broken = importEvents(server, "gzip", cut);
      HttpResponse<String> notGzip = importEvents(server, "gzip", text.getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> brotli = importEvents(server, "br", gzipped.toByteArray());
      byte[] trailing = Arrays.copyOf(gzipped.toByteArray(), gzipped.size() + 3);
      HttpResponse<String> garbage = importEvents(server, "gzip", trailing);
      assertThat(server.events()).isEmpty();
      HttpResponse<String> imported = importEvents(server, "gzip", gzipped.toByteArray());

      assertThat(broken.statusCode()).isEqualTo(400);
      assertThat(broken.body())
          .contains("the body is not valid gzip, as its Content-Encoding says: it ends before its compressed data does;"
              + " nothing was imported");
      assertThat(notGzip.statusCode()).isEqualTo(400);
      assertThat(notGzip.body()).contains("the body is not valid gzip, as its Content-Encoding says: it does not start"
          + " with gzip's header");
      assertThat(brotli.statusCode()).isEqualTo(415);
      assertThat(brotli.body()).contains("the body's Content-Encoding is br; send gzip or no encoding");
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body()).contains("the body is not valid gzip, as its Content-Encoding says: it goes on after"
          + " its last gzip member with bytes that are no gzip member; nothing was imported");
      assertThat(imported.body()).isEqualTo("{\"imported\":2,\"skipped\":0}");
      assertThat(server.events()).hasSize(2);
      // x-gzip is gzip (RFC 9110); the same records again are skipped.
      assertThat(importEvents(server, "x-gzip", gzipped.toByteArray()).body()).isEqualTo("{\"imported\":0,\"skipped\":2}");
    }
  }

  @Test
  void aBodyThatEndsBeforeItsContentLengthIsRefusedInOurWordsAndNothingIsStored() throws Exception {
    byte[] line = String.format(LINE, "i-1").getBytes(StandardCharsets.UTF_8);
    try (TestServer server = TestServer.start(dataDir)) {
      // The client stops sending, nine lines short, and waits for the answer.
      String answer = firstOfTenLines(server, line, true);

      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).contains("{\"error\":\"the body ended before the " + line.length * 10
          + " bytes its Content-Length announced; nothing was imported\",\"parameter\":\"body\"}");
      assertThat(server.events()).isEmpty();
    }
  }

  @Test
  void aBodyThatStallsIsAnswered408NamingTheIdleTimeoutAndNothingIsStored() throws Exception {
    byte[] line = String.format(LINE, "i-1").getBytes(StandardCharsets.UTF_8);
    ClientLimits limits = ClientLimits.defaults().withIdleTimeout(Duration.ofSeconds(1));
    try (TestServer server = TestServer.start(dataDir, b -> b.clientLimits(limits))) {
      String answer = firstOfTenLines(server, line, false); // then silence, the connection open: it stalled

      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(answer).contains("{\"error\":\"no byte of the body arrived for 1 s (the server's"
          + " PULSE_IDLE_TIMEOUT_SECONDS), " + line.length + " of its " + line.length * 10
          + " bytes were read; nothing was imported: send it again\",\"parameter\":\"body\"}");
      assertThat(server.events()).isEmpty();
      assertThat(server.get("/api/v1/versions", TestServer.ADMIN_TOKEN).statusCode()).as("still answering").isEqualTo(200);
    }
  }

  @Test
  void anUnknownKindIsQuotedAndCutInTheRefusal() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      String quote = URLEncoder.encode("a\"b", StandardCharsets.UTF_8);
      HttpResponse<String> quoted = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=" + quote))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("")).build());
      HttpResponse<String> longKind = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=" + "x".repeat(3000)))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("")).build());

      assertThat(quoted.statusCode()).isEqualTo(400);
      assertThat(quoted.body()).isEqualTo("{\"error\":\"kind must be events, cli or errors, not \\\"a\\\"b\\\"\","
          + "\"parameter\":\"kind\"}");
      assertThat(longKind.statusCode()).isEqualTo(400);
      assertThat(longKind.body()).contains("not \\\"xxx").contains("…").hasSizeLessThan(400);
    }
  }

  @Test
  void aByteOrderMarkAtTheStartOfTheBodyIsSkippedAndOneOnALaterLineIsABadLine() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(bom);
    body.writeBytes((String.format(LINE, "i-1") + String.format(LINE, "i-2")).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream later = new ByteArrayOutputStream();
    later.writeBytes(String.format(LINE, "i-3").getBytes(StandardCharsets.UTF_8));
    later.writeBytes(bom);
    later.writeBytes(String.format(LINE, "i-4").getBytes(StandardCharsets.UTF_8));
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> imported = importEvents(server, "identity", body.toByteArray());
      HttpResponse<String> refused = importEvents(server, "identity", later.toByteArray());

      assertThat(imported.body()).isEqualTo("{\"imported\":2,\"skipped\":0}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("line 2: the line starts with a byte-order mark (U+FEFF), which only the"
          + " start of a file may have");
      assertThat(server.events()).hasSize(2);
    }
  }

  private static HttpResponse<String> importEvents(TestServer server, String encoding, byte[] body) throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Encoding", encoding)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  @Test
  void aParameterTheImportDoesNotTakeIsRefusedAndNothingIsStored() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events&knd=cli"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(String.format(LINE, "i-1"))).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("\"parameter\":\"knd\"", "not a parameter of an import (did you mean kind?); it takes kind");
      assertThat(server.events()).isEmpty();
    }
  }

  @Test
  void aLineThatIsNotJsonIsToldByItsNumberAndColumnInOurWordsAndNothingIsStored() throws Exception {
    String body = String.format(LINE, "i-1") + "{\"receivedAt\": nope}\n" + "{\"receivedAt\":\n";
    try (TestServer server = TestServer.start(dataDir)) {
      HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("line 2: not a JSON export line: not valid JSON at column 16")
          .doesNotContain("Unrecognized token", "StreamReadFeature", "nope");
      assertThat(server.events()).isEmpty();

      HttpResponse<String> cut = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import?kind=events"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("{\"receivedAt\":\n")).build());
      assertThat(cut.body()).contains("line 1: not a JSON export line: its JSON ends early, at column 15");
    }
  }

  /**
   * Sends an import announcing ten lines and only the first, then either ends its side of the
   * connection ({@code stopSending}) or goes silent; the answer, whole.
   */
  private static String firstOfTenLines(TestServer server, byte[] line, boolean stopSending) throws Exception {
    URI uri = server.uri("/api/v1/import?kind=events");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Type: application/x-ndjson\r\n"
          + "Content-Length: " + (line.length * 10) + "\r\n" + (stopSending ? "Connection: close\r\n" : "")
          + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(line);
      out.flush();
      if (stopSending) {
        socket.shutdownOutput();
      }
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
