package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that drips its request line and headers, a byte at a time (the slowloris attack), is cut
 * at the header deadline, though each byte would start Jetty's idle timeout again; others are answered
 * meanwhile. A keep-alive connection waiting for its next request is not its business.
 */
class SlowHeadersTest {

  private static final Duration HEADER_DEADLINE = Duration.ofSeconds(2);

  @TempDir Path dataDir;

  @Test
  void aRequestWhoseHeadersDripIsClosedAtTheHeaderDeadlineWithoutAnAnswerWhileOthersAreAnswered() throws Exception {
    ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
    try (TestServer server = TestServer.start(
            dataDir, b -> b.clientLimits(ClientLimits.defaults().withHeaderTimeout(HEADER_DEADLINE)));
        Socket socket = new Socket("127.0.0.1", server.server().port())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // A byte every 200 ms, far inside the 30-s idle timeout, for up to 30 s.
      dripper.scheduleAtFixedRate(() -> {
        try {
          out.write('a');
          out.flush();
        } catch (Exception closed) {
          throw new IllegalStateException(closed); // ends the repetition
        }
      }, 200, 200, TimeUnit.MILLISECONDS);

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri("/healthz")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as("another client, while the headers drip").isEqualTo(200);

      // Well before the idle timeout could end it (30 s after the last byte, and bytes keep coming).
      socket.setSoTimeout(15_000);
      InputStream in = socket.getInputStream();
      assertThat(in.readAllBytes()).as("closed with nothing sent: there is no request to answer").isEmpty();
    } finally {
      dripper.shutdownNow();
    }
  }

  @Test
  void aConnectionIsOverdueOnlyOnceItsNextRequestHeadHasBegunForTheDeadline() {
    long second = 1_000_000_000L;
    HeaderDeadline.Watch idle = new HeaderDeadline.Watch();
    assertThat(idle.overdue(1, 500, true, true, 0, 2 * second)).isFalse();
    assertThat(idle.overdue(1, 500, true, true, 60 * second, 2 * second))
        .as("a keep-alive connection with nothing of its next request sent").isFalse();

    HeaderDeadline.Watch dripping = new HeaderDeadline.Watch();
    assertThat(dripping.overdue(0, 10, true, false, 0, 2 * second)).isFalse();
    assertThat(dripping.overdue(0, 14, true, false, second, 2 * second)).isFalse();
    assertThat(dripping.overdue(0, 19, true, false, 2 * second, 2 * second)).as("its head began 2 s ago").isTrue();

    HeaderDeadline.Watch blankLines = new HeaderDeadline.Watch();
    assertThat(blankLines.overdue(3, 900, true, true, 0, 2 * second)).isFalse();
    assertThat(blankLines.overdue(3, 902, true, true, second, 2 * second)).isFalse();
    assertThat(blankLines.overdue(3, 904, true, true, 3 * second, 2 * second))
        .as("bytes keep coming while the parser stays at its start").isTrue();

    HeaderDeadline.Watch nextRequest = new HeaderDeadline.Watch();
    assertThat(nextRequest.overdue(0, 10, true, false, 0, 2 * second)).isFalse();
    assertThat(nextRequest.overdue(0, 300, false, false, second, 2 * second)).as("its body arriving").isFalse();
    assertThat(nextRequest.overdue(1, 5_000, true, true, 10 * second, 2 * second)).isFalse();
    assertThat(nextRequest.overdue(1, 5_000, true, true, 20 * second, 2 * second))
        .as("the request answered, the next one not begun").isFalse();
    assertThat(nextRequest.overdue(1, 5_010, true, false, 21 * second, 2 * second)).isFalse();
    assertThat(nextRequest.overdue(1, 5_020, true, false, 23 * second, 2 * second)).isTrue();
  }
}
