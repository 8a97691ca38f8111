package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry bodies in flight hold at most {@code maxBufferedBodyBytes} together: clients that
 * announce large bodies and send them slowly cannot run the server out of memory (150 connections
 * announcing 4 MiB each and sending one byte did, at a 256 MiB heap). Past the bound a body is
 * answered 503 with {@code Retry-After}; the bodies within it are ingested whole, and the server
 * keeps answering.
 */
class BufferedBodiesTest {

  private static final Pattern GAUGE = Pattern.compile("(?m)^pulse_ingest_buffered_body_bytes (\\S+)$");

  @TempDir Path dataDir;

  @Test
  void aBodyPastTheBoundIsRefused503AndTheBodiesWithinItAreStoredWhole() throws Exception {
    byte[] body = Bodies.telemetries(150).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).as("one buffer of its announced length, handed over as it is").isLessThan(HeldBytes.CHUNK);
    int held = body.length * 9 / 10;
    long bound = body.length * 3L / 2; // room for one whole body, not for two
    try (TestServer server = TestServer.start(
        dataDir, b -> b.clientLimits(ClientLimits.defaults().withMaxBufferedBodyBytes(bound)
            .withBodyArrival(0, Duration.ofMinutes(5)))); // the first upload pauses: no rate or deadline cuts it
        Socket first = upload(server, body.length);
        Socket second = upload(server, body.length)) {
      send(first, Arrays.copyOfRange(body, 0, held));
      awaitBuffered(server, held);

      send(second, body);
      String refused = answer(second);
      assertThat(refused).startsWith("HTTP/1.1 503").contains("SERVER_BUSY").contains("maxBufferedBodyBytes")
          .contains("Retry-After: 5").contains("nothing of this request was kept");
      assertThat(server.get("/healthz", null).statusCode()).as("answering while the bound is reached").isEqualTo(200);

      send(first, Arrays.copyOfRange(body, held, body.length));
      assertThat(answer(first)).startsWith("HTTP/1.1 200");
      awaitBuffered(server, 0);
      assertThat(server.postTelemetry(Bodies.telemetries(1)).statusCode()).isEqualTo(200);

      assertThat(server.events()).as("the whole first body and the one after, once each").hasSize(151);
    }
  }

  @Test
  void aGzipBodyInflatingPastTheBoundIsRefused503AndNothingIsStored() throws Exception {
    byte[] inflated = Bodies.telemetries(1000).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(inflated);
    }
    long bound = inflated.length / 2;
    assertThat(gzipped.size()).as("the body as sent fits").isLessThan((int) bound);
    try (TestServer server = TestServer.start(
        dataDir, b -> b.clientLimits(ClientLimits.defaults().withMaxBufferedBodyBytes(bound)))) {
      HttpResponse<String> refused = server.postTelemetry(gzipped.toByteArray(), "gzip");

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.body()).contains("SERVER_BUSY");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(server.events()).isEmpty();
      awaitBuffered(server, 0);
      assertThat(server.postTelemetry(Bodies.telemetries(1)).statusCode()).isEqualTo(200);
    }
  }

  /** A connection that sent the headers of a telemetry upload of {@code length} bytes. */
  private static Socket upload(TestServer server, int length) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5000);
    socket.setSoTimeout(30_000);
    send(socket, ("POST " + WireOperations.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  private static void send(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** The whole answer on a connection the server closes after it. */
  private static String answer(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Waits until the server's gauge of buffered body bytes is {@code bytes} (at least, when above 0). */
  private static void awaitBuffered(TestServer server, long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    double seen = -1;
    while (System.nanoTime() < deadline) {
      Matcher gauge = GAUGE.matcher(server.get("/metrics", null).body());
      seen = gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
      if (bytes == 0 ? seen == 0 : seen >= bytes) {
        return;
      }
      Thread.sleep(10); // polling the gauge: the wait ends on what it shows, not on the time
    }
    throw new AssertionError("the buffered body bytes stayed at " + seen + ", expected " + bytes);
  }
}
