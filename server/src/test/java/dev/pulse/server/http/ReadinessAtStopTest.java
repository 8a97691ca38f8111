package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the moment a stop begins, {@code /readyz} answers 503, so that a load balancer sends new
 * requests elsewhere, while the requests in flight finish: a body still arriving when the stop began
 * is ingested once it is whole.
 */
class ReadinessAtStopTest {

  private static final Pattern HELD = Pattern.compile("(?m)^pulse_ingest_buffered_body_bytes (\\S+)$");
  private static final Pattern LENGTH = Pattern.compile("(?mi)^Content-Length: *(\\d+)");

  @TempDir Path dataDir;

  @Test
  void readyzAnswers503DuringTheDrainWhileABodyInFlightIsStillIngested() throws Exception {
    // A drain longer than the test: the stop ends when the body in flight is answered, not at a timeout.
    // No bound on the body's data rate: the half body waits for the asks, which a busy machine slows.
    TestServer server = TestServer.start(dataDir, config -> config.drainTimeout(Duration.ofSeconds(60))
        .clientLimits(ClientLimits.defaults().withBodyArrival(0, Duration.ofSeconds(60))));
    URI base = server.uri("/");
    byte[] body = Bodies.telemetries(20).getBytes(StandardCharsets.UTF_8);
    int firstPart = body.length / 2;
    try (Socket upload = new Socket(base.getHost(), base.getPort());
        Socket probe = new Socket(base.getHost(), base.getPort());
        Socket spare = new Socket(base.getHost(), base.getPort())) {
      upload.setSoTimeout(30_000);
      probe.setSoTimeout(30_000);
      spare.setSoTimeout(30_000);
      OutputStream out = upload.getOutputStream();
      out.write(("POST /telemetry/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, firstPart);
      out.flush();
      while (held(server) < firstPart) {
        Thread.onSpinWait(); // until the server holds the first bytes: the request is in flight
      }
      String before = ask(probe);
      assertThat(before).startsWith("HTTP/1.1 200 ").contains("{\"status\":\"ready\"}");

      CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
      // The probes' connections were open before the stop, as a load balancer's may be: ask until the stop
      // has begun (a stop does not begin at once on another thread), at most until the drain ends. A
      // request answered as the stop began may close its connection (its answer the last one on it, as
      // Jetty ends a connection once its connector stops): the spare, idle and still open, asks next.
      Socket asking = probe;
      int sent = firstPart;
      String during = askOrClosed(asking);
      while (during == null || during.startsWith("HTTP/1.1 200 ")) {
        // A byte of the body each round: once the stop begins, Jetty cuts a connection idle for 1 s.
        if (sent < body.length - 1) {
          out.write(body[sent++]);
          out.flush();
        }
        if (during == null || during.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
          assertThat(asking).as("a second connection closed before /readyz answered 503").isNotSameAs(spare);
          asking = spare;
        }
        during = askOrClosed(asking);
      }
      assertThat(stopped).as("the stop waits for the body in flight").isNotDone();
      assertThat(during).startsWith("HTTP/1.1 503 ");
      assertThat(RawHttp.body(during)).contains("\"code\":\"SERVER_STOPPING\"")
          .contains("the server is stopping");

      out.write(body, sent, body.length - sent);
      out.flush();
      String answer = read(upload.getInputStream());
      stopped.join();
      assertThat(answer).as("the request in flight when the stop began").startsWith("HTTP/1.1 200 ");
      assertThat(RawHttp.body(answer)).contains("\"sendTelemetries\":true");
    } finally {
      server.close();
    }
  }

  /** One GET /readyz on a kept-alive connection, and its answer; fails if the server closed it. */
  private static String ask(Socket socket) throws IOException {
    socket.getOutputStream().write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return read(socket.getInputStream());
  }

  /** As {@link #ask}; null when the server closed the connection before any byte of an answer. */
  private static String askOrClosed(Socket socket) throws IOException {
    try {
      return ask(socket);
    } catch (ClosedBeforeAnswer e) {
      return null;
    } catch (SocketException e) { // the request written to a connection the server had closed
      return null;
    }
  }

  /** One HTTP answer with a Content-Length: its head and body. */
  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw head.size() == 0 ? new ClosedBeforeAnswer()
            : new AssertionError("the server closed the connection amid its answer: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    Matcher length = LENGTH.matcher(text);
    assertThat(length.find()).as(text).isTrue();
    return text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
  }

  /** The server closed the connection instead of answering. */
  private static final class ClosedBeforeAnswer extends AssertionError {
    ClosedBeforeAnswer() {
      super("the server closed the connection instead of answering");
    }
  }

  private static double held(TestServer server) {
    Matcher m = HELD.matcher(server.get("/metrics", null).body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
