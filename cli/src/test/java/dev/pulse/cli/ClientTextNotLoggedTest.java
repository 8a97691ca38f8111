package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's mistakes that the server answers (a Range header it cannot read, an address or headers
 * over 8 KiB, a Host header that is no host and port) leave no line in the log: Jetty warned about each, the Range one quoting the client's
 * text whole, so that any client, without a token, could fill the log with what it likes.
 */
class ClientTextNotLoggedTest {

  @TempDir Path dir;

  @Test
  void aBadRangeAnOverlongAddressOrABadHostLeavesNoLineOfTheClientsTextInTheLog() throws Exception {
    String junk = "clientjunk".repeat(600);
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), Map.of())) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Void> ranged = client.send(HttpRequest.newBuilder(server.uri("/dashboard/app.js"))
          .header("Range", "bytes=" + junk).build(), HttpResponse.BodyHandlers.discarding());
      HttpResponse<Void> overlong = client.send(HttpRequest.newBuilder(server.uri("/api/v1/" + junk + junk)).build(),
          HttpResponse.BodyHandlers.discarding());
      HttpResponse<Void> headers = client.send(HttpRequest.newBuilder(server.uri("/healthz"))
          .header("X-Junk", junk + junk).build(), HttpResponse.BodyHandlers.discarding());
      String badHost;
      try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) { // no client sends such a Host
        socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: " + junk.substring(0, 100) + " x:99999\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        badHost = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      }

      assertThat(ranged.statusCode()).as("the file, whole").isEqualTo(200);
      assertThat(overlong.statusCode()).isEqualTo(414);
      assertThat(headers.statusCode()).isEqualTo(431);
      assertThat(badHost).startsWith("HTTP/1.1 400 ");
      assertThat(server.terminate(Duration.ofSeconds(60))).isZero();
      String log = server.awaitOutput("Pulse stopped", Duration.ofSeconds(60));
      assertThat(log).doesNotContain("clientjunkclientjunk", "Bad range", "is too large", "Bad Authority");
    }
  }
}
