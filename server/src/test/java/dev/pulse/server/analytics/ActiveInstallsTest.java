package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class ActiveInstallsTest {

  @TempDir Path dataDir;

  @Test
  void countsTwoComponentsOfOneInstallOnce() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("a", ComponentType.INTENTS_OPERATOR, "v3", EventType.ACTIVE, 0, "2026-11-10")
          .event("b", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10"));
      AnalyticsQuery day = AnalyticsQuery.of(day("2026-11-10"), day("2026-11-10"));

      assertThat(f.answer(a -> a.activeInstalls(day, Breakdown.NONE)))
          .containsExactly(new ActiveInstallsRow(day("2026-11-10"), null, 2, 2, 2));
      assertThat(f.answer(a -> a.activeInstalls(day, Breakdown.COMPONENT)))
          .containsExactlyInAnyOrder(
              new ActiveInstallsRow(day("2026-11-10"), "INTENTS_OPERATOR", 1, 1, 1),
              new ActiveInstallsRow(day("2026-11-10"), "NETWORK_MAPPER", 2, 2, 2));
    }
  }

  @Test
  void splitsUtcDaysAtMidnightExactly() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .active("late", "2026-11-10T23:59:59.999")
          .active("early", "2026-11-11T00:00:00"));
      AnalyticsQuery twoDays = AnalyticsQuery.of(day("2026-11-10"), day("2026-11-11"));

      assertThat(f.answer(a -> a.activeInstalls(twoDays, Breakdown.NONE)))
          .extracting(ActiveInstallsRow::active).containsExactly(1L, 1L);
      assertThat(f.answer(a -> a.newInstalls(twoDays, Period.DAY)))
          .containsExactly(
              new NewInstallsRow(Period.DAY, day("2026-11-10"), 1),
              new NewInstallsRow(Period.DAY, day("2026-11-11"), 1));
    }
  }

  @Test
  void rollingWindowsCountAnInstallForSevenAndTwentyEightDaysAfterItsLastActiveDay() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry().active("once", "2026-11-01").active("twice", "2026-11-01")
          .active("twice", "2026-11-05"));
      List<ActiveInstallsRow> rows =
          f.answer(a -> a.activeInstalls(AnalyticsQuery.of(day("2026-11-01"), day("2026-12-05")), Breakdown.NONE));

      assertThat(row(rows, "2026-11-01")).isEqualTo(new ActiveInstallsRow(day("2026-11-01"), null, 2, 2, 2));
      assertThat(row(rows, "2026-11-02")).isEqualTo(new ActiveInstallsRow(day("2026-11-02"), null, 0, 2, 2));
      assertThat(row(rows, "2026-11-05")).isEqualTo(new ActiveInstallsRow(day("2026-11-05"), null, 1, 2, 2));
      assertThat(row(rows, "2026-11-07").active7()).isEqualTo(2);
      assertThat(row(rows, "2026-11-08").active7()).isEqualTo(1);
      assertThat(row(rows, "2026-11-11").active7()).isEqualTo(1);
      assertThat(row(rows, "2026-11-12").active7()).isEqualTo(0);
      assertThat(row(rows, "2026-11-28").active28()).isEqualTo(2);
      assertThat(row(rows, "2026-11-29").active28()).isEqualTo(1);
      assertThat(row(rows, "2026-12-02").active28()).isEqualTo(1);
      assertThat(row(rows, "2026-12-03").active28()).isEqualTo(0);
    }
  }

  @Test
  void rollingWindowsIncludeActivityBeforeTheRange() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry().active("a", "2026-11-01"));
      List<ActiveInstallsRow> rows =
          f.answer(a -> a.activeInstalls(AnalyticsQuery.of(day("2026-11-05"), day("2026-11-05")), Breakdown.NONE));

      assertThat(rows).containsExactly(new ActiveInstallsRow(day("2026-11-05"), null, 0, 1, 1));
    }
  }

  @Test
  void componentFilterCountsOnlyThatComponentsEvents() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("a", ComponentType.INTENTS_OPERATOR, "v3", EventType.ACTIVE, 0, "2026-11-11")
          .event("b", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-11"));
      AnalyticsQuery operator = AnalyticsQuery.of(day("2026-11-10"), day("2026-11-11"))
          .withComponent(ComponentType.INTENTS_OPERATOR);

      assertThat(f.answer(a -> a.activeInstalls(operator, Breakdown.NONE)))
          .extracting(ActiveInstallsRow::active).containsExactly(0L, 1L);
      assertThat(f.answer(a -> a.newInstalls(operator, Period.DAY)))
          .extracting(NewInstallsRow::newInstalls).containsExactly(0L, 1L);
    }
  }

  @Test
  void twoComponentsOfOneInstallOnOneVersionCountOnceForThatVersion() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("a", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("b", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10"));
      AnalyticsQuery day = AnalyticsQuery.of(day("2026-11-10"), day("2026-11-10"));

      assertThat(f.answer(a -> a.activeInstalls(day, Breakdown.VERSION)))
          .containsExactly(new ActiveInstallsRow(day("2026-11-10"), "v1", 2, 2, 2));
      assertThat(f.answer(a -> a.activeInstalls(day.withVersion("v1"), Breakdown.NONE)))
          .containsExactly(new ActiveInstallsRow(day("2026-11-10"), null, 2, 2, 2));
      assertThat(f.answer(a -> a.activeInstalls(day.withVersion("v1"), Breakdown.COMPONENT)))
          .containsExactlyInAnyOrder(
              new ActiveInstallsRow(day("2026-11-10"), "INTENTS_OPERATOR", 1, 1, 1),
              new ActiveInstallsRow(day("2026-11-10"), "NETWORK_MAPPER", 2, 2, 2));
    }
  }

  @Test
  void breaksDownByTheVersionOfTheDaysLastEvent() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10T08:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v2", EventType.ACTIVE, 0, "2026-11-10T20:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v2", EventType.ACTIVE, 0, "2026-11-11T08:00:00"));
      List<ActiveInstallsRow> rows = f.answer(
          a -> a.activeInstalls(AnalyticsQuery.of(day("2026-11-09"), day("2026-11-11")), Breakdown.VERSION));

      assertThat(rows).containsExactly(
          new ActiveInstallsRow(day("2026-11-10"), "v2", 1, 1, 1),
          new ActiveInstallsRow(day("2026-11-11"), "v2", 1, 1, 1));
    }
  }

  private static ActiveInstallsRow row(List<ActiveInstallsRow> rows, String day) {
    return rows.stream().filter(r -> r.day().equals(day(day))).findFirst().orElseThrow();
  }
}
