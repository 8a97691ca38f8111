package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that closes an export's connection early is the client's business: the server logs it in
 * one INFO line, with no exception's class name.
 */
class ExportClientGoneTest {

  private static final String TOKEN = "export-client-gone-token-0123456789";

  @TempDir Path dir;

  @Test
  void aClientClosingAnExportEarlyIsLoggedAtInfoWithoutAClassName() throws Exception {
    Path data = dir.resolve("data");
    // About 25 MB of NDJSON: far more than the socket buffers hold, so the server is still writing.
    PulseRun.generate(data, 300, 30);

    try (ServeProcess server = ServeProcess.start(data, TOKEN)) {
      try (Socket client = new Socket()) {
        client.connect(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()));
        OutputStream request = client.getOutputStream();
        request.write(("GET /api/v1/export/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.flush();
        InputStream answer = client.getInputStream();
        assertThat(answer.readNBytes(12)).asString(StandardCharsets.US_ASCII).isEqualTo("HTTP/1.1 200");
        client.setSoLinger(true, 0); // closed at once, unread bytes and all
      }

      String line = server.awaitOutput("stopped before its end", Duration.ofSeconds(60)).lines()
          .filter(l -> l.contains("stopped before its end")).findFirst().orElseThrow();
      assertThat(line).contains(" INFO ", "the client closed the connection").doesNotContain("Exception", "org.");
      assertThat(server.output()).noneMatch(l -> l.contains("EofException"));
    }
  }
}
