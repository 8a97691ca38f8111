package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped (SIGTERM) while a request's body is still arriving: the client is told the server
 * is stopping and to retry (503, Retry-After), not that its body could not be read (a 400 says the
 * mistake is the client's, and nothing tells it to send again).
 */
class StopDuringABodyTest {

  private static final Pattern HELD = Pattern.compile("(?m)^pulse_ingest_buffered_body_bytes (\\S+)$");

  @TempDir Path dataDir;

  @Test
  void aBodyCutByTheStopIsAnswered503ToRetry() throws Exception {
    TestServer server = TestServer.start(dataDir);
    URI base = server.uri("/");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /telemetry/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n" + "{".repeat(100)).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      while (held(server) < 100) {
        Thread.onSpinWait(); // until the server holds the first bytes: the request is being read
      }

      CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      stopped.join();

      assertThat(answer).startsWith("HTTP/1.1 503 ");
      assertThat(RawHttp.header(answer, "Retry-After")).isEqualTo("5");
      assertThat(RawHttp.body(answer)).contains("\"code\":\"SERVER_STOPPING\"")
          .contains("the server is stopping and did not get this request's whole body; nothing of it was kept,"
              + " retry later");
    } finally {
      server.close();
    }
  }

  private static double held(TestServer server) {
    Matcher m = HELD.matcher(server.get("/metrics", null).body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
