package dev.pulse.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.http.AnswerHead;
import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.duckdb.DuckDbBulkLoader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A backup whose client goes away while it is sent (a killed {@code pulse backup}, a dropped
 * connection) is logged as that, with how far it came: Jetty's exception for it has no message, and
 * the line read "backup aborted while it was sent: null".
 */
@ResourceLock(Resources.SYSTEM_ERR)
@Isolated
class BackupCutShortTest {

  private static final Pattern LENGTH = Pattern.compile("(?im)^Content-Length: *(\\d+)");

  @TempDir Path dataDir;

  @Test
  void aClientThatGoesAwayMidBackupIsLoggedAsSuchNotAsNull() throws Exception {
    // Large enough that the copy cannot all sit in the connection's buffers (4 MiB at most for a
    // socket's on Linux) when the client goes.
    try (DuckDbBulkLoader loader = DuckDbBulkLoader.open(dataDir, 0)) {
      new DataSetGenerator(DataSetGenerator.Settings.of(1000, 60, LocalDate.parse("2026-06-30"), 1)
          .withBatchSize(loader.batchSize())).writeTo(loader::load, (done, days, records) -> {});
      loader.flush();
    }
    try (CapturedLog log = CapturedLog.start(); TestServer server = TestServer.start(dataDir)) {
      try (Socket client = new Socket()) {
        client.setReceiveBufferSize(4096);
        client.connect(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()), 10_000);
        client.setSoTimeout(600_000);
        client.getOutputStream().write(("POST " + BackupEndpoint.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        String head = AnswerHead.read(client.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200");
        Matcher length = LENGTH.matcher(head);
        assertThat(length.find()).as(head).isTrue();
        assertThat(Long.parseLong(length.group(1))).as("the copy's size").isGreaterThan(6L << 20);
        client.setSoLinger(true, 0); // closed with a reset, as a killed client's connection ends
      }
      String line = awaitLine(log, "not sent whole", Duration.ofSeconds(120));
      assertThat(line).contains("WARN", "cut after ", "the client stopped reading or closed the connection (")
          .doesNotContain("null").doesNotContainPattern("[A-Z][a-z]+(Exception|Error)");
    }
  }

  /** The first log line holding {@code fragment}, once it is there; fails after {@code timeout}. */
  private static String awaitLine(CapturedLog log, String fragment, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      for (String line : log.text().split("\n")) {
        if (line.contains(fragment)) {
          return line;
        }
      }
      Thread.sleep(20); // a poll with a deadline, not a wait for a guessed time
    }
    throw new AssertionError("no log line with '" + fragment + "' within " + timeout + ":\n" + log.text());
  }
}
