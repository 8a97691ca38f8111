package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.Await;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.threads.BackgroundThreads;
import dev.pulse.server.threads.Nice;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class RollupMaintenanceTaskTest {

  /** A fixed clock: the time of the last success is the clock's, not the machine's. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void refusesARefreshIntervalThatIsNotPositive() {
    assertThatThrownBy(() -> new RollupMaintenance.Settings(Duration.ZERO))
        .hasMessageContaining("refreshInterval");
    assertThatThrownBy(() -> new RollupMaintenance.Settings(Duration.ofSeconds(-1)))
        .hasMessageContaining("refreshInterval");
  }

  @Test
  void theBackgroundTaskFoldsNewRecordsInAndDeletesNoRawRecord() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry().active("old", "2026-08-01").active("recent", "2026-11-19"));
      Analytics withoutRefresh = new Analytics(f.rollups.source(), f.rollups.catalog(), false);
      AnalyticsQuery since = AnalyticsQuery.of(day("2026-08-01"), day("2026-11-20"));
      List<NewInstallsRow> expected = f.raw.newInstalls(since, Period.WEEK);

      try (RollupMaintenance task =
          RollupMaintenance.start(f.rollups.source(), new RollupMaintenance.Settings(Duration.ofMillis(20)), CLOCK,
              new SimpleMeterRegistry())) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!withoutRefresh.newInstalls(since, Period.WEEK).equals(expected) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      }

      assertThat(withoutRefresh.newInstalls(since, Period.WEEK)).isEqualTo(expected);
      assertThat(expected).extracting(NewInstallsRow::newInstalls).filteredOn(n -> n == 1L).hasSize(2);
      assertThat(rawEvents(f)).as("refreshing deletes nothing: retention is the one job that does").isEqualTo(2);
    }
  }

  @Test
  void refreshesRunAtTheLowestPrioritySoThatRequestsGoFirst() throws Exception {
    Nice.assumeLinux();
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      CompletableFuture<Integer> nice = new CompletableFuture<>();
      AnalyticsSource real = f.rollups.source();
      AnalyticsSource watched = (AnalyticsSource) Proxy.newProxyInstance(
          AnalyticsSource.class.getClassLoader(), new Class<?>[] {AnalyticsSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("refresh")) {
              nice.complete(Nice.ofCurrentThread());
            }
            return method.invoke(real, args);
          });

      try (RollupMaintenance task =
          RollupMaintenance.start(watched, RollupMaintenance.Settings.DEFAULTS, CLOCK, new SimpleMeterRegistry())) {
        assertThat(nice.get(30, TimeUnit.SECONDS)).isEqualTo(BackgroundThreads.NICE);
      }
    }
  }

  @Test
  void eachRefreshIsCountedByOutcomeAndTheLastSuccessIsTimed() throws Exception {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      AtomicBoolean broken = new AtomicBoolean(true);
      AnalyticsSource real = f.rollups.source();
      AnalyticsSource failingUntilMended = (AnalyticsSource) Proxy.newProxyInstance(
          AnalyticsSource.class.getClassLoader(), new Class<?>[] {AnalyticsSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("refresh") && broken.get()) {
              throw new StoreException("the store cannot be written");
            }
            return method.invoke(real, args);
          });
      MeterRegistry meters = new SimpleMeterRegistry();

      try (RollupMaintenance task = RollupMaintenance.start(
          failingUntilMended, new RollupMaintenance.Settings(Duration.ofMillis(20)), CLOCK, meters)) {
        Await.until("two failed refreshes", () -> refreshes(meters, "failed") >= 2);
        assertThat(meters.get("pulse.rollup.last.success").gauge().value()).as("no success yet").isZero();
        assertThat(refreshes(meters, "succeeded")).isZero();

        broken.set(false);
        Await.until("a refresh that succeeds", () -> refreshes(meters, "succeeded") >= 1);
        Await.until("its time kept", () -> meters.get("pulse.rollup.last.success").gauge().value() > 0);
      }
      assertThat(meters.get("pulse.rollup.last.success").gauge().value())
          .isEqualTo(CLOCK.instant().getEpochSecond());
    }
  }

  private static double refreshes(MeterRegistry meters, String outcome) {
    return meters.get("pulse.rollup.refreshes").tag("outcome", outcome).counter().count();
  }

  private static int rawEvents(AnalyticsFixture f) {
    List<StoredEvent> events = new ArrayList<>();
    f.store.forEachEvent(events::add);
    return events.size();
  }
}
