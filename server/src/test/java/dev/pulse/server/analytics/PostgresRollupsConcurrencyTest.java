package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Rollup maintenance on PostgreSQL with concurrent writers and several servers refreshing: every raw
 * record is folded in exactly once, and the rollups answer as a recomputation from the raw records.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresRollupsConcurrencyTest {

  private static final AnalyticsQuery NOVEMBER = AnalyticsQuery.of(day("2026-11-01"), day("2026-11-30"));

  @Test
  void aRecordCommittedAfterALaterOneIsStillFoldedIn() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    try (PostgresEventStore store = PostgresEventStore.open(database);
        Connection slow = EmbeddedPostgresServer.adminConnection(database);
        Statement slowWriter = slow.createStatement()) {
      Analytics rollups = Analytics.create(PostgresAnalyticsSource.rollups(store));
      // A writer that began first (so its row has the lower seq and transaction id) commits last.
      slow.setAutoCommit(false);
      slowWriter.execute("INSERT INTO component_events (received_at, component_type, component_instance_id,"
          + " context_key, version, cloud_client_id, event_type, count, error) VALUES"
          + " ('2026-11-10 09:00:00+00', 'NETWORK_MAPPER', 'slow-nm', 'slow', 'v1', '', 'ACTIVE', 0, '')");
      store.append(new Telemetry().active("fast", "2026-11-10").batch());

      assertThat(rollups.source().refresh())
          .as("nothing is folded past a transaction still open: it may yet commit below").isZero();
      slow.commit();

      assertThat(rollups.source().refresh()).as("both records, once each").isEqualTo(2);
      assertThat(rollups.source().refresh()).isZero();
      assertThat(rollups.activeInstalls(AnalyticsQuery.of(day("2026-11-10"), day("2026-11-10")), Breakdown.NONE))
          .extracting(ActiveInstallsRow::active).containsExactly(2L);
    }
  }

  @Test
  void threeServersRefreshingWhileFourWritersAppendFoldEveryRecordOnce() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    List<PostgresEventStore> servers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(7);
    try {
      for (int i = 0; i < 3; i++) {
        servers.add(PostgresEventStore.open(database, 5));
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong folded = new AtomicLong();
      List<Future<Long>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        PostgresEventStore server = servers.get(w % servers.size());
        int writer = w;
        writers.add(threads.submit(() -> write(server, writer)));
      }
      List<Future<Integer>> refreshers = new ArrayList<>();
      for (PostgresEventStore server : servers) {
        Analytics rollups = Analytics.create(PostgresAnalyticsSource.rollups(server));
        refreshers.add(threads.submit(() -> {
          int refreshes = 0;
          while (writing.get()) {
            folded.addAndGet(rollups.source().refresh());
            refreshes++;
          }
          return refreshes;
        }));
      }
      long written = 0;
      for (Future<Long> writer : writers) {
        written += writer.get();
      }
      writing.set(false);
      for (Future<Integer> refresher : refreshers) {
        assertThat(refresher.get()).isPositive();
      }
      Analytics rollups = Analytics.create(PostgresAnalyticsSource.rollups(servers.get(0)));
      folded.addAndGet(rollups.source().refresh());
      Analytics raw = Analytics.create(PostgresAnalyticsSource.rawScan(servers.get(0)));

      assertThat(folded.get()).as("records folded in over all refreshes").isEqualTo(written);
      assertThat(rollups.activeInstalls(NOVEMBER, Breakdown.VERSION))
          .isEqualTo(raw.activeInstalls(NOVEMBER, Breakdown.VERSION));
      assertThat(rollups.versions(NOVEMBER)).isEqualTo(raw.versions(NOVEMBER));
      assertThat(rollups.features(NOVEMBER)).isEqualTo(raw.features(NOVEMBER));
      assertThat(rollups.cli(NOVEMBER)).isEqualTo(raw.cli(NOVEMBER));
      assertThat(rollups.errors(NOVEMBER)).isEqualTo(raw.errors(NOVEMBER));
      assertThat(rollups.newInstalls(NOVEMBER, Period.DAY)).isEqualTo(raw.newInstalls(NOVEMBER, Period.DAY));
    } finally {
      threads.shutdownNow();
      servers.forEach(PostgresEventStore::close);
    }
  }

  /**
   * 60 batches of one writer: installs shared across writers, late records for earlier days, upgrades
   * and levels that change, so that recomputed install-days overlap between refreshes.
   */
  private static long write(PostgresEventStore server, int writer) {
    long records = 0;
    for (int i = 0; i < 60; i++) {
      Telemetry batch = new Telemetry();
      for (int install = 0; install < 5; install++) {
        String when = String.format("2026-11-%02dT%02d:%02d:00", 1 + (i * 7 + install) % 20, writer, i % 60);
        String name = "i" + ((install + i) % 8);
        batch.event(name, install % 2 == 0 ? ComponentType.NETWORK_MAPPER : ComponentType.INTENTS_OPERATOR,
            "v" + (i / 20), EventType.INTENTS_DISCOVERED, writer * 100 + i, when);
        batch.error(name, "v" + (i / 20), "fp-" + (install % 3), "boom", when);
        batch.cli("u" + install, "v1", "intents", "list", when);
        records += 3;
      }
      server.append(batch.batch());
    }
    return records;
  }
}
