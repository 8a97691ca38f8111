package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class VersionsAndRetentionTest {

  @TempDir Path dataDir;

  @Test
  void anInstallUpgradingMidDayRunsTheVersionOfItsLastEventThatDay() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      Telemetry t = new Telemetry();
      for (String d : List.of("2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12")) {
        t.event("stays", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, d);
      }
      t.event("upgrades", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-09")
          .event("upgrades", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10T09:00:00")
          .event("upgrades", ComponentType.NETWORK_MAPPER, "v2", EventType.ACTIVE, 0, "2026-11-10T15:00:00")
          .event("upgrades", ComponentType.NETWORK_MAPPER, "v2", EventType.ACTIVE, 0, "2026-11-11");
      f.append(t);
      List<VersionShareRow> rows =
          f.answer(a -> a.versions(AnalyticsQuery.of(day("2026-11-09"), day("2026-11-12"))));

      assertThat(rows).containsExactly(
          new VersionShareRow(day("2026-11-09"), "v1", 2, 2),
          new VersionShareRow(day("2026-11-10"), "v1", 1, 2),
          new VersionShareRow(day("2026-11-10"), "v2", 1, 2),
          new VersionShareRow(day("2026-11-11"), "v1", 1, 2),
          new VersionShareRow(day("2026-11-11"), "v2", 1, 2),
          new VersionShareRow(day("2026-11-12"), "v1", 1, 1));
      assertThat(f.answer(a -> a.activeInstalls(
              AnalyticsQuery.of(day("2026-11-10"), day("2026-11-10")).withVersion("v2"), Breakdown.NONE)))
          .extracting(ActiveInstallsRow::active).containsExactly(1L);
    }
  }

  @Test
  void aVersionFilterSelectsAVersionWithSpacesExactlyAsTheVersionsAnalysisListsIt() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("spaced", ComponentType.NETWORK_MAPPER, " v5.0.0 ", EventType.ACTIVE, 0, "2026-11-10")
          .event("plain", ComponentType.NETWORK_MAPPER, "v5.0.0", EventType.ACTIVE, 0, "2026-11-10"));
      LocalDate today = day("2026-11-20");

      assertThat(f.answer(a -> a.versions(AnalyticsQuery.parse("2026-11-10", "2026-11-10", null, " v5.0.0 ", today))))
          .containsExactly(new VersionShareRow(day("2026-11-10"), " v5.0.0 ", 1, 2));
      assertThat(f.answer(a -> a.versions(AnalyticsQuery.parse("2026-11-10", "2026-11-10", null, "v5.0.0", today))))
          .containsExactly(new VersionShareRow(day("2026-11-10"), "v5.0.0", 1, 2));
      // An all-blank version is no filter, as an absent one.
      assertThat(f.answer(a -> a.versions(AnalyticsQuery.parse("2026-11-10", "2026-11-10", null, "  ", today))))
          .extracting(VersionShareRow::version).containsExactly(" v5.0.0 ", "v5.0.0");
    }
  }

  @Test
  void twoComponentsOnOneVersionCountOnceAndAVersionFilterKeepsTheShareOfAllActiveInstalls() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("a", ComponentType.NODE_AGENT, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("b", ComponentType.NETWORK_MAPPER, "v2", EventType.ACTIVE, 0, "2026-11-10"));
      AnalyticsQuery day = AnalyticsQuery.of(day("2026-11-10"), day("2026-11-10"));

      assertThat(f.answer(a -> a.versions(day))).containsExactly(
          new VersionShareRow(day("2026-11-10"), "v1", 1, 2),
          new VersionShareRow(day("2026-11-10"), "v2", 1, 2));
      assertThat(f.answer(a -> a.versions(day.withVersion("v2")))).containsExactly(
          new VersionShareRow(day("2026-11-10"), "v2", 1, 2));
      assertThat(f.answer(a -> a.versions(day.withComponent(ComponentType.NODE_AGENT)))).containsExactly(
          new VersionShareRow(day("2026-11-10"), "v1", 1, 1));
    }
  }

  @Test
  void aChurningCohortLosesItsShareWeekByWeek() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      // Cohort of the week of Monday 2026-11-02: four installs; two come back in week 1, one in week 2.
      Telemetry t = new Telemetry();
      for (String install : List.of("a", "b", "c", "d")) {
        t.active(install, "2026-11-03");
      }
      t.active("a", "2026-11-09").active("b", "2026-11-15").active("a", "2026-11-18");
      // A later install keeps the data going into week 3, where nobody of the cohort is left.
      t.active("late", "2026-11-24");
      f.append(t);
      AnalyticsQuery cohortWeek = AnalyticsQuery.of(day("2026-11-02"), day("2026-11-08"));
      List<RetentionRow> rows = f.answer(a -> a.retention(cohortWeek));

      assertThat(rows).containsExactly(
          new RetentionRow(day("2026-11-02"), 4, 1, 2, 0.5),
          new RetentionRow(day("2026-11-02"), 4, 2, 1, 0.25),
          new RetentionRow(day("2026-11-02"), 4, 3, 0, 0.0));
      // Every event is a v1 network mapper's: the filtered answers (another query path each) agree.
      assertThat(f.answer(a -> a.retention(cohortWeek.withVersion("v1")))).isEqualTo(rows);
      assertThat(f.answer(a -> a.retention(cohortWeek.withComponent(ComponentType.NETWORK_MAPPER)))).isEqualTo(rows);
      assertThat(f.answer(a -> a.newInstalls(AnalyticsQuery.of(day("2026-11-02"), day("2026-11-29")), Period.WEEK)))
          .containsExactly(
              new NewInstallsRow(Period.WEEK, day("2026-11-02"), 4),
              new NewInstallsRow(Period.WEEK, day("2026-11-09"), 0),
              new NewInstallsRow(Period.WEEK, day("2026-11-16"), 0),
              new NewInstallsRow(Period.WEEK, day("2026-11-23"), 1));
    }
  }
}
