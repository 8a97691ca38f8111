package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.Tmpfs;
import dev.pulse.server.store.postgres.OutageLoad.Sent;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * PostgreSQL's disk filled up under load, then freed: the server answers every request (503s that
 * say to retry, within the outage bound, a live /healthz), stores again once there is room, and keeps
 * every acknowledged record exactly once. PostgreSQL itself may stop when it cannot write its log (a
 * PANIC); it is then started again, as its supervisor would, once the space is back. What a person
 * reads of it (the server's log, an analysis's answer) says the database's disk is full, in our words.
 */
@Isolated
class PostgresFullDiskTest {

  private static final int CLIENTS = 32;
  /** As {@link PostgresOutageTest}'s bound: a refusal comes within it, however the store fails. */
  private static final long ANSWER_BOUND_MILLIS = 5_000;

  @TempDir Path dataDir;
  @TempDir Path mounts;

  private RestartablePostgres postgres;

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void refusesWithRetryWhileItsDiskIsFullSayingSoInOurWordsAndKeepsEveryAcknowledgedRecordExactlyOnce()
      throws Exception {
    try (Tmpfs disk = Tmpfs.mount(mounts.resolve("pg"), 320);
        CapturedLog log = CapturedLog.start()) {
      postgres = RestartablePostgres.start(disk.dir().resolve("data"));
      String url = postgres.url();
      // Rollups left to the analyses, so that a read on the full disk must fold the records in first.
      try (TestServer server = TestServer.start(dataDir, builder -> builder.store(url)
          .rollupRefresh(Duration.ofHours(1)))) {
        List<Sent> sent;
        long filledAt;
        long freedAt;
        try (OutageLoad load = new OutageLoad(server.uri("/"), CLIENTS)) {
          ServerWatch watch = new ServerWatch(server, load);
          watch.await("100 requests acknowledged before the disk fills", () -> load.count(200, 0) >= 100);

          filledAt = System.nanoTime();
          disk.fill("filler");
          watch.await("32 refusals while PostgreSQL's disk is full", () -> load.count(503, filledAt) >= CLIENTS);
          boolean ranBefore = postgres.runs();
          HttpResponse<String> read = server.get("/api/v1/active-installs", TestServer.ADMIN_TOKEN);
          assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
          // A PostgreSQL that stopped itself (a PANIC on its log) is an outage to the server, told as one.
          if (ranBefore && postgres.runs()) {
            assertThat(read.body()).contains("the disk of the store's database is full (refreshing the analytics"
                + " rollups failed); nothing is lost: retry once space is freed on it");
          }

          disk.delete("filler");
          freedAt = System.nanoTime();
          watch.await(
              "100 requests acknowledged once the disk has room",
              () -> startedIfStopped() && load.count(200, freedAt) >= 100);
          load.close();
          sent = load.sent();
        }

        assertThat(sent).allSatisfy(OutageChecks::answered);
        assertThat(sent).filteredOn(s -> s.status() == 503).isNotEmpty()
            .allSatisfy(s -> assertThat(s.startedNanos()).isGreaterThan(filledAt))
            .allSatisfy(s -> assertThat(s.millis()).as("answer time of %s", s.body()).isLessThan(ANSWER_BOUND_MILLIS));
        OutageChecks.assertStoredExactlyOnce(sent, server.events(), 200);
      } finally {
        postgres.close();
      }
      assertToldInOurWords(log.text(), url);
    }
  }

  /**
   * The server's refusals of writes say the database's disk is full, naming the database and what to
   * do; none of its own lines holds PostgreSQL's words (a file in its data dir), a class name or a trace.
   */
  private static void assertToldInOurWords(String logged, String url) {
    String database = "PostgreSQL's database postgres on " + url.replaceFirst("^.*@", "").replaceFirst("/.*", "");
    // Entries, each a line and what follows it up to the next line of a logger: a trace, a hint.
    List<String> ours = Arrays.stream(logged.split("\\R(?=\\[)"))
        .filter(e -> e.matches("(?s)\\[[^\\]]+] \\w+ dev\\.pulse\\..*")).toList();
    // The first refusal is a full disk; later ones may be an outage, should PostgreSQL have stopped itself.
    assertThat(ours).filteredOn(e -> e.contains("store unavailable: ")).first().asString()
        .contains("failed: the disk of " + database + " is full: free space on that disk; nothing acknowledged is lost");
    assertThat(ours).allSatisfy(e -> assertThat(e.strip()).doesNotContain("\n").doesNotContain("base/")
        .doesNotContain("No space left").doesNotContain("Exception").doesNotContain("org.postgresql"));
  }

  /** Starts PostgreSQL again if the full disk stopped it; true once it runs. */
  private boolean startedIfStopped() {
    if (postgres.runs()) {
      return true;
    }
    try {
      postgres.stop();
      postgres.startAgain();
      return true;
    } catch (IOException e) {
      throw new AssertionError("PostgreSQL did not start again on its freed disk: " + e, e);
    }
  }
}
