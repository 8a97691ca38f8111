package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Lifecycle and stickiness against hand computations, on both stores, rollups and raw scans alike.
 * Weeks: W0 starts Monday 2026-10-26, W1 11-02, W2 11-09, W3 11-16, W4 11-23.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class LifecycleAndStickinessTest {

  @TempDir Path dataDir;

  /**
   * steady: active every week from W1 (three days of W1). old: first seen W0, silent in W1, back in
   * W2, silent after. late: first seen W3, back in W4. gone: W1 only.
   */
  private static Telemetry installsThatComeAndGo() {
    return new Telemetry()
        .active("steady", "2026-11-02").active("steady", "2026-11-03").active("steady", "2026-11-05")
        .active("steady", "2026-11-10").active("steady", "2026-11-17").active("steady", "2026-11-24")
        .active("old", "2026-10-27").active("old", "2026-11-11")
        .active("late", "2026-11-18").active("late", "2026-11-25")
        .active("gone", "2026-11-04");
  }

  @Test
  void classifiesEachWeeksInstallsAsNewReturningResurrectingOrDormant() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(installsThatComeAndGo());
      AnalyticsQuery fourWeeks = AnalyticsQuery.of(day("2026-11-02"), day("2026-11-29"));

      assertThat(f.answer(a -> a.lifecycle(fourWeeks, Period.WEEK))).containsExactly(
          new LifecycleRow(Period.WEEK, day("2026-11-02"), false, 2, 0, 0, 1),
          new LifecycleRow(Period.WEEK, day("2026-11-09"), false, 0, 1, 1, 1),
          new LifecycleRow(Period.WEEK, day("2026-11-16"), false, 1, 1, 0, 1),
          new LifecycleRow(Period.WEEK, day("2026-11-23"), false, 0, 2, 0, 0));
    }
  }

  @Test
  void classifiesDaysAndComparesTheFirstDayWithTheDayBeforeTheRange() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .active("a", "2026-11-01").active("a", "2026-11-02")
          .active("b", "2026-11-01").active("b", "2026-11-03")
          .active("c", "2026-11-03"));
      AnalyticsQuery twoDays = AnalyticsQuery.of(day("2026-11-02"), day("2026-11-03"));

      assertThat(f.answer(a -> a.lifecycle(twoDays, Period.DAY))).containsExactly(
          new LifecycleRow(Period.DAY, day("2026-11-02"), false, 0, 1, 0, 1),
          new LifecycleRow(Period.DAY, day("2026-11-03"), false, 1, 0, 1, 1));
    }
  }

  @Test
  void marksWeeksTheRangeCutsAsPartialAndCountsOnlyTheirDaysInTheRange() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(installsThatComeAndGo());
      // From Wednesday of W1 to Tuesday of W2: steady's Monday and Tuesday of W1 fall outside.
      AnalyticsQuery cut = AnalyticsQuery.of(day("2026-11-04"), day("2026-11-10"));

      // steady, first seen on Monday 11-02, is not new in the cut week: it resurrects from before it.
      assertThat(f.answer(a -> a.lifecycle(cut, Period.WEEK))).containsExactly(
          new LifecycleRow(Period.WEEK, day("2026-11-02"), true, 1, 0, 1, 1),
          new LifecycleRow(Period.WEEK, day("2026-11-09"), true, 0, 1, 0, 1));
      assertThat(f.answer(a -> a.stickiness(cut, Period.WEEK)))
          .filteredOn(row -> row.start().equals(day("2026-11-02")) && row.installs() > 0)
          .containsExactly(new StickinessRow(Period.WEEK, day("2026-11-02"), true, 1, 2, 1.0));
    }
  }

  @Test
  void aCutFirstWeekCountsAsNewWhatNewInstallsCountsInIt() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("before", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-02")
          .event("before", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-06")
          .event("within", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-05")
          .event("within", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-12"));
      // From Wednesday of W1: "before" was first seen on its Monday, "within" on its Thursday.
      for (AnalyticsQuery query : List.of(AnalyticsQuery.of(day("2026-11-04"), day("2026-11-15")),
          new AnalyticsQuery(day("2026-11-04"), day("2026-11-15"), Optional.of(ComponentType.NETWORK_MAPPER),
              Optional.empty()),
          new AnalyticsQuery(day("2026-11-04"), day("2026-11-15"), Optional.empty(), Optional.of("v1")))) {
        assertThat(f.answer(a -> a.lifecycle(query, Period.WEEK))).as("%s", query).containsExactly(
            new LifecycleRow(Period.WEEK, day("2026-11-02"), true, 1, 0, 1, 0),
            new LifecycleRow(Period.WEEK, day("2026-11-09"), false, 0, 1, 0, 1));
        assertThat(f.answer(a -> a.newInstalls(query, Period.WEEK))).extracting(NewInstallsRow::newInstalls)
            .as("%s", query).containsExactly(1L, 0L);
      }
    }
  }

  @Test
  void aVersionFilterMakesAnInstallNewWhenItFirstRunsThatVersion() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("up", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-03")
          .event("up", ComponentType.NETWORK_MAPPER, "v2", EventType.ACTIVE, 0, "2026-11-10")
          .event("stay", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-03")
          .event("stay", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-10"));
      AnalyticsQuery v2 = new AnalyticsQuery(day("2026-11-02"), day("2026-11-15"), Optional.empty(), Optional.of("v2"));
      AnalyticsQuery v1 = new AnalyticsQuery(day("2026-11-02"), day("2026-11-15"), Optional.empty(), Optional.of("v1"));

      assertThat(f.answer(a -> a.lifecycle(v2, Period.WEEK))).containsExactly(
          new LifecycleRow(Period.WEEK, day("2026-11-02"), false, 0, 0, 0, 0),
          new LifecycleRow(Period.WEEK, day("2026-11-09"), false, 1, 0, 0, 0));
      assertThat(f.answer(a -> a.lifecycle(v1, Period.WEEK))).containsExactly(
          new LifecycleRow(Period.WEEK, day("2026-11-02"), false, 2, 0, 0, 0),
          new LifecycleRow(Period.WEEK, day("2026-11-09"), false, 0, 1, 0, 1));
    }
  }

  @Test
  void aComponentFilterCountsOnlyThatComponentsActivity() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-03")
          .event("a", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-10")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-17"));
      AnalyticsQuery operator = new AnalyticsQuery(day("2026-11-02"), day("2026-11-22"),
          Optional.of(ComponentType.INTENTS_OPERATOR), Optional.empty());
      AnalyticsQuery mapper = new AnalyticsQuery(day("2026-11-02"), day("2026-11-22"),
          Optional.of(ComponentType.NETWORK_MAPPER), Optional.empty());

      assertThat(f.answer(a -> a.lifecycle(operator, Period.WEEK))).extracting(LifecycleRow::newInstalls,
          LifecycleRow::dormant).containsExactly(
              org.assertj.core.groups.Tuple.tuple(0L, 0L), org.assertj.core.groups.Tuple.tuple(1L, 0L),
              org.assertj.core.groups.Tuple.tuple(0L, 1L));
      assertThat(f.answer(a -> a.lifecycle(mapper, Period.WEEK))).extracting(LifecycleRow::resurrecting)
          .containsExactly(0L, 0L, 1L);
    }
  }

  @Test
  void countsInstallsByHowManyDaysOfTheWeekTheyWereActive() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(installsThatComeAndGo());
      AnalyticsQuery w1 = AnalyticsQuery.of(day("2026-11-02"), day("2026-11-08"));

      List<StickinessRow> rows = f.answer(a -> a.stickiness(w1, Period.WEEK));

      assertThat(rows).hasSize(7).extracting(StickinessRow::days).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(rows).extracting(StickinessRow::installs).containsExactly(1L, 0L, 1L, 0L, 0L, 0L, 0L);
      assertThat(rows).extracting(StickinessRow::share).containsExactly(0.5, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0);
    }
  }

  @Test
  void monthsHaveOneRowPerDayOfTheMonth() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(installsThatComeAndGo());
      AnalyticsQuery november = AnalyticsQuery.of(day("2026-11-01"), day("2026-11-30"));

      List<StickinessRow> rows = f.answer(a -> a.stickiness(november, Period.MONTH));

      assertThat(rows).hasSize(30).allMatch(row -> row.start().equals(day("2026-11-01")) && !row.partial());
      // steady 6 days, late 2, old 1 (in November), gone 1.
      assertThat(rows).filteredOn(row -> row.installs() > 0)
          .extracting(StickinessRow::days, StickinessRow::installs)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2L), org.assertj.core.groups.Tuple.tuple(2, 1L),
              org.assertj.core.groups.Tuple.tuple(6, 1L));
    }
  }

  @Test
  void refusesAPeriodTheAnalysisDoesNotTake() {
    assertThatThrownBy(() -> Period.parse("month", Period.WEEK, Period.DAY, Period.WEEK))
        .isInstanceOf(BadParameterException.class).hasMessage("period: must be day or week, not \"month\"");
    assertThat(Period.parse(null, Period.WEEK, Period.DAY, Period.WEEK)).isEqualTo(Period.WEEK);
  }
}
