package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.WireOperations;
import dev.pulse.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Telemetry bodies dripped one byte every 0.5 s are cut with 408, by the minimum data rate or by the
 * body deadline, and the server logs nothing naming the client: no line holds its address and port
 * (Jetty warned "Pending read in onCompleted" with both when the 408 was sent while it still waited
 * for body bytes). Several clients at once, since the warning came about every other time.
 */
@ResourceLock(Resources.SYSTEM_ERR)
@Isolated
class CutBodiesLeaveNoAddressTest {

  private static final int CLIENTS = 12;
  private static final Duration DRIP = Duration.ofMillis(500);

  @TempDir Path dataDir;

  @Test
  void bodiesCutByTheMinimumDataRateLeaveNoClientAddressInTheLog() throws Exception {
    assertCutWithoutAddressInTheLog(ClientLimits.defaults());
  }

  @Test
  void bodiesCutAtTheBodyDeadlineLeaveNoClientAddressInTheLog() throws Exception {
    assertCutWithoutAddressInTheLog(ClientLimits.defaults().withBodyArrival(0, Duration.ofSeconds(2)));
  }

  private void assertCutWithoutAddressInTheLog(ClientLimits limits) throws Exception {
    List<Integer> ports = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      try (TestServer server = TestServer.start(dataDir, b -> b.clientLimits(limits))) {
        List<Socket> sockets = open(server.server().port());
        ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
        try {
          dripper.scheduleAtFixedRate(() -> dripOnce(sockets), DRIP.toMillis(), DRIP.toMillis(), TimeUnit.MILLISECONDS);
          for (Socket socket : sockets) {
            ports.add(socket.getLocalPort());
            answers.add(readUntilClosed(socket));
          }
        } finally {
          dripper.shutdownNow();
          for (Socket socket : sockets) {
            socket.close();
          }
        }
      } // stopped: its threads have finished what they log about these connections
      log = captured.text();
    }
    assertThat(answers).allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 408 "));
    List<String> naming = log.lines()
        .filter(line -> ports.stream().anyMatch(port -> line.contains("127.0.0.1:" + port)))
        .toList();
    assertThat(naming).as("log lines naming a client's address and port").isEmpty();
  }

  /** Connections that sent the headers of a 1000-byte body and its first byte. */
  private static List<Socket> open(int port) throws IOException {
    String head = "POST " + WireOperations.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Socket socket = new Socket();
      sockets.add(socket);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return sockets;
  }

  private static void dripOnce(List<Socket> sockets) {
    for (Socket socket : sockets) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(' ');
        out.flush();
      } catch (IOException closedByServer) {
        // cut off: nothing more to send on it
      }
    }
  }

  private static String readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }
}
