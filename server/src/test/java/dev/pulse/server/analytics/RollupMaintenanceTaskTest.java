package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.at;
import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoredEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupMaintenanceTaskTest {

  @TempDir Path dataDir;

  @Test
  void keepsRawRecordsForTheRetentionInWholeUtcDays() {
    assertThat(RollupMaintenance.retentionCutoff(at("2026-11-20T23:59:59"), 90))
        .isEqualTo(at("2026-08-22T00:00:00"));
    assertThatThrownBy(() -> new RollupMaintenance.Settings(Duration.ofMinutes(1), Duration.ofHours(1), 0))
        .hasMessageContaining("rawRetentionDays");
  }

  @Test
  void theBackgroundTaskRefreshesAndPrunesRawRecordsPastRetention() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry().active("old", "2026-08-01").active("recent", "2026-11-19"));
      Clock now = Clock.fixed(at("2026-11-20T10:00:00"), ZoneOffset.UTC);
      Analytics withoutRefresh = new Analytics(f.rollups.source(), f.rollups.catalog(), false);
      RollupMaintenance.Settings settings =
          new RollupMaintenance.Settings(Duration.ofMillis(20), Duration.ofHours(1), 90);

      try (RollupMaintenance task = RollupMaintenance.start(f.rollups.source(), settings, now)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rawEvents(f) > 1 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      }

      assertThat(rawEvents(f)).isEqualTo(1);
      assertThat(withoutRefresh.newInstalls(AnalyticsQuery.of(day("2026-08-01"), day("2026-11-20")), Period.WEEK))
          .extracting(NewInstallsRow::newInstalls).containsOnly(0L, 1L).filteredOn(n -> n == 1L).hasSize(2);
    }
  }

  private static int rawEvents(AnalyticsFixture f) {
    List<StoredEvent> events = new ArrayList<>();
    f.store.forEachEvent(events::add);
    return events.size();
  }
}
