package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.backup.BackupEndpoint;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A download (a backup, an export) by a client that pauses as it reads when the server is told to
 * stop: the stop gives such a connection a second (Jetty closes connections idle that long, as the idle
 * keep-alive ones are), so the download is cut, and the log says the stop cut it, in words, not that
 * the client went away, nor with a Java class name ("java.util.concurrent.TimeoutException").
 */
@ResourceLock(Resources.SYSTEM_ERR)
@Isolated
class DownloadDuringStopTest {

  private static final String STOP = "the server stopped (a stop gives a connection whose client does not keep reading"
      + " one second)";

  @TempDir Path dataDir;

  /** More than the connection's buffers hold, so the download is still going when the stop comes. */
  @BeforeEach
  void fillTheStore() {
    try (DuckDbBulkLoader loader = DuckDbBulkLoader.open(dataDir, 0)) {
      new DataSetGenerator(DataSetGenerator.Settings.of(1000, 60, LocalDate.parse("2026-06-30"), 1)
          .withBatchSize(loader.batchSize())).writeTo(loader::load, (done, days, records) -> {});
      loader.flush();
    }
  }

  @Test
  void aBackupCutByTheStopIsLoggedAsCutByTheStopNotByTheClient() throws Exception {
    String log = cutByTheStop("POST " + BackupEndpoint.PATH + " HTTP/1.1\r\nContent-Length: 0\r\n");

    assertThat(log).contains(" bytes not sent whole, cut after ", "the server stopped before it was sent (a stop"
        + " gives a connection whose client does not keep reading one second)")
        .doesNotContain("the client stopped reading").doesNotContain("Exception");
  }

  @Test
  void anExportCutByTheStopIsLoggedAsCutByTheStopNotByTheClient() throws Exception {
    String log = cutByTheStop("GET /api/v1/export/events HTTP/1.1\r\n");

    assertThat(log).contains("export of /api/v1/export/events stopped before its end: " + STOP)
        .doesNotContain("the client closed the connection").doesNotContain("Exception");
  }

  /** Starts the download, stops the server, pauses reading; returns the log once the stop is over. */
  private String cutByTheStop(String requestStart) throws Exception {
    try (CapturedLog log = CapturedLog.start()) {
      TestServer server = TestServer.start(dataDir);
      int port = server.uri("/").getPort();
      try (Socket client = new Socket()) {
        client.setReceiveBufferSize(4096);
        client.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        client.setSoTimeout(60_000);
        client.getOutputStream().write((requestStart + "Host: 127.0.0.1\r\nAuthorization: Bearer "
            + TestServer.ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        assertThat(AnswerHead.read(in)).startsWith("HTTP/1.1 200");
        byte[] chunk = new byte[64 << 10];
        in.readNBytes(chunk, 0, chunk.length);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
        awaitNoNewConnections(port);
        // A client that pauses, as one on a slow or busy link does: longer than the stop gives it.
        Thread.sleep(1500); // the client's behaviour under test, not a wait for the server
        while (in.read(chunk) > 0) {
          // the rest, until the cut
        }
        stopped.get(60, TimeUnit.SECONDS);
      }
      return log.text();
    }
  }

  /** Returns once the server refuses new connections: its stop has begun. */
  private static void awaitNoNewConnections(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() - deadline < 0) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        return;
      }
      Thread.sleep(10); // a poll with a deadline, not a wait for a guessed time
    }
    throw new AssertionError("the server still took connections 30 s after it was told to stop");
  }
}
