package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Releases and adoption curves against hand computations, on both stores, rollups and raw scans. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class ReleasesTest {

  @TempDir Path dataDir;

  /**
   * v1 from 11-01: a; a, b; a, b, c (its peak, 3); a, b; a. v2 from 11-04, when c upgrades: c; b, c.
   */
  private static Telemetry twoReleases() {
    Telemetry t = new Telemetry();
    on(t, "v1", "2026-11-01", "a");
    on(t, "v1", "2026-11-02", "a", "b");
    on(t, "v1", "2026-11-03", "a", "b", "c");
    on(t, "v1", "2026-11-04", "a", "b");
    on(t, "v2", "2026-11-04", "c");
    on(t, "v1", "2026-11-05", "a");
    on(t, "v2", "2026-11-05", "b", "c");
    return t;
  }

  private static void on(Telemetry t, String version, String day, String... installs) {
    for (String install : installs) {
      t.event(install, ComponentType.NETWORK_MAPPER, version, EventType.ACTIVE, 0, day);
    }
  }

  @Test
  void givesEachVersionsFirstDayInstallsNowPeakAndDaysToItsShares() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(twoReleases());

      assertThat(f.answer(a -> a.releases(AnalyticsQuery.of(day("2026-11-01"), day("2026-11-05"))))).containsExactly(
          new ReleaseRow("v2", day("2026-11-04"), 2, 2, day("2026-11-05"), 0, 0, 1),
          new ReleaseRow("v1", day("2026-11-01"), 1, 3, day("2026-11-03"), 0, 1, 2));
    }
  }

  @Test
  void readsEachVersionsWholeLifeWhateverTheRangeAndTakesNowAsTheLastDayWithData() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(twoReleases());
      AnalyticsQuery lastDayOnly = AnalyticsQuery.of(day("2026-11-05"), day("2026-11-05"));
      AnalyticsQuery pastTheData = AnalyticsQuery.of(day("2026-11-05"), day("2026-11-20"));

      assertThat(f.answer(a -> a.releases(lastDayOnly)))
          .isEqualTo(f.answer(a -> a.releases(pastTheData)))
          .extracting(ReleaseRow::version, ReleaseRow::installsNow, ReleaseRow::daysTo90)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("v2", 2L, 1),
              org.assertj.core.groups.Tuple.tuple("v1", 1L, 2));
    }
  }

  @Test
  void leavesOutVersionsNotRunInTheRange() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(twoReleases());

      assertThat(f.answer(a -> a.releases(AnalyticsQuery.of(day("2026-11-01"), day("2026-11-03")))))
          .extracting(ReleaseRow::version, ReleaseRow::installsNow)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", 3L));
    }
  }

  @Test
  void followsTheLatestVersionsFromTheirFirstDay() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(twoReleases());

      assertThat(f.answer(a -> a.releaseAdoption(AnalyticsQuery.of(day("2026-11-01"), day("2026-11-05")))))
          .containsExactly(
              new AdoptionRow("v2", 0, 1), new AdoptionRow("v2", 1, 2),
              new AdoptionRow("v1", 0, 1), new AdoptionRow("v1", 1, 2), new AdoptionRow("v1", 2, 3),
              new AdoptionRow("v1", 3, 2), new AdoptionRow("v1", 4, 1));
    }
  }

  @Test
  void answersNothingWithoutData() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      assertThat(f.answer(a -> a.releases(AnalyticsQuery.of(day("2026-11-01"), day("2026-11-05"))))).isEmpty();
    }
  }
}
