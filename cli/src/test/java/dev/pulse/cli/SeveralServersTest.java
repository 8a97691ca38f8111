package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.EventCatalog;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.postgres.PostgresAnalyticsSource;
import dev.pulse.server.store.postgres.PostgresEventStore;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Three {@code pulse serve} processes on one PostgreSQL, the load spread over them, one killed with
 * SIGKILL mid-load: every acknowledged record is stored exactly once, every request is stored whole
 * or not at all, and the rollups the servers refresh concurrently equal a recomputation from the raw
 * records.
 */
@ResourceLock(PostgresForTests.LOCK)
class SeveralServersTest {

  private static final String TOKEN = "several-servers-test-token-0123";
  private static final String CONTEXT_KEY = "00112233445566778899aabbccddeeff";

  @RegisterExtension static final PostgresForTests POSTGRES = new PostgresForTests();

  @TempDir Path dataDirs;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAcknowledgedRecordIsStoredOnceWhenOneOfThreeServersIsKilled() throws Exception {
    PostgresForTests.Database database = POSTGRES.newDatabase("several_servers");
    String store = "--store=" + database.jdbcUrl() + "?user=postgres";
    Map<String, String> env = Map.of("PULSE_ADMIN_TOKEN", TOKEN, "PULSE_CONTEXT_KEY", CONTEXT_KEY,
        "PULSE_ROLLUP_REFRESH_SECONDS", "1");
    List<ServeProcess> servers = new ArrayList<>();
    try {
      List<URI> targets = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        servers.add(ServeProcess.start(dataDirs.resolve("server-" + i), env, store));
        targets.add(servers.get(i).uri("/telemetry/query"));
      }
      Load load = Load.start(http, targets, 9);
      load.awaitAcknowledged(150);
      servers.get(0).kill();
      load.resetAcknowledgedCount();
      load.awaitAcknowledged(150);
      load.stop();

      Map<String, Integer> stored =
          Load.eventsPerRequest(http, servers.get(1).uri("/api/v1/export/events"), TOKEN);
      for (String id : load.acknowledged) {
        assertThat(stored.get(id)).as("events of acknowledged request " + id).isEqualTo(TelemetryBodies.EVENTS);
      }
      for (Map.Entry<String, Integer> entry : stored.entrySet()) {
        assertThat(load.attempted).contains(entry.getKey());
        assertThat(entry.getValue()).as("request " + entry.getKey() + " stored whole").isEqualTo(TelemetryBodies.EVENTS);
      }
      assertThat(stored.keySet()).anyMatch(id -> TelemetryBodies.server(id) == 0)
          .anyMatch(id -> TelemetryBodies.server(id) == 2);
      assertRollupsEqualARecomputation(database);
      HttpResponse<String> active = http.send(
          HttpRequest.newBuilder(servers.get(2).uri("/api/v1/active-installs"))
              .header("Authorization", "Bearer " + TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(active.statusCode()).as("the analytics API on PostgreSQL").isEqualTo(200);
      assertThat(active.body()).contains("\"active\":");
    } finally {
      for (ServeProcess server : servers) {
        server.close();
      }
    }
  }

  private static void assertRollupsEqualARecomputation(PostgresForTests.Database database) {
    StoreLocation.Postgres location = new StoreLocation.Postgres(database.jdbcUrl(), "postgres", "");
    try (PostgresEventStore store = PostgresEventStore.open(location)) {
      SqlAnalyticsSource source = PostgresAnalyticsSource.rollups(store);
      // The servers refresh every second; wait until one of them has folded records in.
      Analytics servers = new Analytics(source, EventCatalog.builtIn(), false);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      AnalyticsQuery days = AnalyticsQuery.of(today.minusDays(1), today.plusDays(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (servers.features(days).stream().allMatch(row -> row.installs() == 0) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(servers.features(days)).as("rollups refreshed by the servers").anyMatch(row -> row.installs() > 0);

      Analytics rollups = Analytics.create(source);
      Analytics raw = Analytics.create(PostgresAnalyticsSource.rawScan(store));
      assertThat(rollups.activeInstalls(days, Breakdown.VERSION)).isEqualTo(raw.activeInstalls(days, Breakdown.VERSION))
          .isNotEmpty();
      assertThat(rollups.features(days)).isEqualTo(raw.features(days));
      assertThat(rollups.versions(days)).isEqualTo(raw.versions(days));
      assertThat(rollups.newInstalls(days, Period.DAY)).isEqualTo(raw.newInstalls(days, Period.DAY));
    }
  }
}
