package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * 220 uploads or sign-in forms that send their headers and then one body byte every 5 s (more than
 * the server has request threads) must not delay a normal ingest request past 2 s nor {@code
 * /healthz} or the sign-in page past 1 s, and are cut off (408 or a closed connection) by the
 * minimum data rate or the body deadline.
 */
@Isolated
class SlowClientsTest {

  private static final int DRIPPERS = 220;
  private static final Duration DRIP_INTERVAL = Duration.ofSeconds(5);
  private static final Duration INGEST_BOUND = Duration.ofSeconds(2);
  private static final Duration HEALTH_BOUND = Duration.ofSeconds(1);

  /** A telemetry upload's headers and first body byte. */
  private static final String UPLOAD = "POST " + WireOperations.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";

  /** A sign-in form's, which anyone may send: no token needed. */
  private static final String SIGN_IN = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nt";

  @TempDir Path dataDir;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void dripFedUploadsHoldNoThreadAndAreCutAtTheBodyDeadline() throws Exception {
    // No minimum rate: only the (short) deadline ends the drippers, so they stay open while we ask.
    Duration deadline = Duration.ofSeconds(12);
    try (TestServer server =
        TestServer.start(
            dataDir,
            b -> b.clientLimits(ClientLimits.defaults().withBodyArrival(0, deadline)))) {
      try (Drippers drippers = Drippers.open(server.server().port(), UPLOAD)) {
        answersOthersWhileDrippersAreOpen(server, drippers, Duration.ofSeconds(8));
        drippers.assertAllCutOff(deadline.plusSeconds(10));
      }
    }
  }

  @Test
  void dripFedUploadsAreCutByTheMinimumDataRate() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      try (Drippers drippers = Drippers.open(server.server().port(), UPLOAD)) {
        answersOthersWhileDrippersAreOpen(server, drippers, Duration.ofSeconds(3));
        // The default body deadline is 30 s: an end well before it is the rate's doing.
        drippers.assertAllCutOff(Duration.ofSeconds(15));
      }
    }
  }

  @Test
  void dripFedSignInFormsHoldNoThreadAndAreCutByTheMinimumDataRate() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      try (Drippers drippers = Drippers.open(server.server().port(), SIGN_IN)) {
        answersOthersWhileDrippersAreOpen(server, drippers, Duration.ofSeconds(3));
        drippers.assertAllCutOff(Duration.ofSeconds(15));
      }
    }
  }

  @Test
  void anUploadThatStopsComingIsCutByTheMinimumDataRateNotLeftToTheDeadline() throws Exception {
    try (TestServer server = TestServer.start(dataDir);
        Socket socket = new Socket("127.0.0.1", server.server().port())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write((UPLOAD + "\"query\": ").getBytes(StandardCharsets.US_ASCII));
      out.flush(); // and then nothing: no byte comes that the rate could be judged on

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

      assertThat(answer).startsWith("HTTP/1.1 408 ").contains("arrived slower than 1024 bytes/s (the server's PULSE_MIN_REQUEST_DATA_RATE)");
    }
  }

  private void answersOthersWhileDrippersAreOpen(TestServer server, Drippers drippers, Duration during)
      throws Exception {
    long end = System.nanoTime() + during.toNanos();
    int rounds = 0;
    while (System.nanoTime() < end || rounds < 2) {
      HttpRequest ingest =
          HttpRequest.newBuilder(server.uri(WireOperations.PATH))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString(Bodies.telemetries(1)))
              .build();
      assertAnsweredWithin(ingest, INGEST_BOUND);
      HttpRequest health =
          HttpRequest.newBuilder(server.uri("/healthz")).timeout(Duration.ofSeconds(10)).GET().build();
      assertAnsweredWithin(health, HEALTH_BOUND);
      HttpRequest signInPage =
          HttpRequest.newBuilder(server.uri("/login")).timeout(Duration.ofSeconds(10)).GET().build();
      assertAnsweredWithin(signInPage, HEALTH_BOUND);
      rounds++;
    }
    assertThat(drippers.open()).as("drippers still open while we asked").isEqualTo(DRIPPERS);
  }

  private void assertAnsweredWithin(HttpRequest request, Duration bound) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.statusCode()).as(request.uri() + " " + response.body()).isEqualTo(200);
    assertThat(took).as(request.uri() + " answered in").isLessThanOrEqualTo(bound);
  }

  /** Raw sockets that sent the headers of a 1000-byte body and then drip one byte per interval. */
  private static final class Drippers implements AutoCloseable {

    private final List<Socket> sockets;
    private final List<Boolean> cutOff;
    private final ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();

    private Drippers(List<Socket> sockets) {
      this.sockets = sockets;
      this.cutOff = new ArrayList<>();
      sockets.forEach(s -> cutOff.add(false));
    }

    static Drippers open(int port, String head) throws IOException {
      checkFileDescriptors();
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < DRIPPERS; i++) {
          Socket socket = new Socket();
          sockets.add(socket);
          socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
          OutputStream out = socket.getOutputStream();
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException e) {
        closeAll(sockets);
        throw e;
      }
      Drippers drippers = new Drippers(sockets);
      drippers.dripper.scheduleAtFixedRate(
          drippers::dripOnce, DRIP_INTERVAL.toMillis(), DRIP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      return drippers;
    }

    private synchronized void dripOnce() {
      for (int i = 0; i < sockets.size(); i++) {
        if (cutOff.get(i)) {
          continue;
        }
        try {
          OutputStream out = sockets.get(i).getOutputStream();
          out.write(' ');
          out.flush();
        } catch (IOException closedByServer) {
          cutOff.set(i, true);
        }
      }
    }

    synchronized int open() {
      return (int) cutOff.stream().filter(c -> !c).count();
    }

    /** Every dripper gets a 408 or sees its connection closed within {@code within}. */
    void assertAllCutOff(Duration within) throws IOException {
      long end = System.nanoTime() + within.toNanos();
      for (int i = 0; i < sockets.size(); i++) {
        Socket socket = sockets.get(i);
        String answer = readUntilClosed(socket, end);
        if (answer == null) {
          fail("dripper " + i + " still open " + within + " after the drip started");
        }
        if (!answer.isEmpty()) {
          assertThat(answer).as("dripper " + i).startsWith("HTTP/1.1 408");
        }
      }
    }

    /** What the server sent before closing ("" if nothing), or null if it is still open at end. */
    private static String readUntilClosed(Socket socket, long end) throws IOException {
      StringBuilder answer = new StringBuilder();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (System.nanoTime() < end) {
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException stillOpen) {
          return null;
        } catch (IOException reset) {
          return answer.toString();
        }
        if (n < 0) {
          return answer.toString();
        }
        answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
      return null;
    }

    private static void checkFileDescriptors() {
      OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (!(os instanceof UnixOperatingSystemMXBean unix)) {
        return;
      }
      // Both ends of every dripper live in this JVM, plus the server's and the build's own files.
      long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
      boolean enough = free > 2L * DRIPPERS + 200;
      if (!enough && "true".equals(System.getenv("CI"))) {
        fail("only " + free + " file descriptors free; raise ulimit -n for this test");
      }
      assumeTrue(enough, "only " + free + " file descriptors free; raise ulimit -n to run this test");
    }

    private static void closeAll(List<Socket> sockets) {
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }

    @Override
    public void close() {
      dripper.shutdownNow();
      closeAll(sockets);
    }
  }
}
