package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.store.Tmpfs;
import dev.pulse.server.store.postgres.OutageLoad.Sent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * PostgreSQL's disk filled up under load, then freed: the server answers every request (503s that
 * say to retry, within the outage bound, a live /healthz), stores again once there is room, and keeps
 * every acknowledged record exactly once. PostgreSQL itself may stop when it cannot write its log (a
 * PANIC); it is then started again, as its supervisor would, once the space is back.
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
  void refusesWithRetryWhileItsDiskIsFullAndKeepsEveryAcknowledgedRecordExactlyOnce() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(mounts.resolve("pg"), 320)) {
      postgres = RestartablePostgres.start(disk.dir().resolve("data"));
      String url = postgres.url();
      try (TestServer server = TestServer.start(dataDir, builder -> builder.store(url))) {
        List<Sent> sent;
        long filledAt;
        long freedAt;
        try (OutageLoad load = new OutageLoad(server.uri("/"), CLIENTS)) {
          ServerWatch watch = new ServerWatch(server, load);
          watch.await("100 requests acknowledged before the disk fills", () -> load.count(200, 0) >= 100);

          filledAt = System.nanoTime();
          disk.fill("filler");
          watch.await("32 refusals while PostgreSQL's disk is full", () -> load.count(503, filledAt) >= CLIENTS);

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
    }
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
