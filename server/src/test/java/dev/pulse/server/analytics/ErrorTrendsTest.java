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

/** Error trends against hand computations, on both stores, rollups and raw scans. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class ErrorTrendsTest {

  @TempDir Path dataDir;

  private static final AnalyticsQuery THREE_DAYS = AnalyticsQuery.of(day("2026-11-01"), day("2026-11-03"));

  /** v1: a, b active; a reports fp-x twice. v2: c, d, e active; c reports it twice, d once. */
  private static Telemetry reportsOnTwoVersions() {
    return new Telemetry()
        .event("a", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-01")
        .event("b", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-01")
        .event("c", ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-02")
        .event("d", ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-02")
        .event("e", ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-03")
        .error("a", "v1", "fp-x", "failed", "2026-11-01T10:00:00")
        .error("a", "v1", "fp-x", "failed", "2026-11-01T11:00:00")
        .error("c", "v2", "fp-x", "failed", "2026-11-02")
        .error("c", "v2", "fp-x", "failed", "2026-11-03")
        .error("d", "v2", "fp-x", "failed", "2026-11-03")
        .error("d", "v2", "fp-new", "broke", "2026-11-03");
  }

  @Test
  void givesReportsAndReportingInstallsForEveryDayOfTheRange() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(reportsOnTwoVersions());

      assertThat(f.maybe(a -> a.errorTrend(THREE_DAYS, "fp-x"))).hasValueSatisfying(days -> assertThat(days).containsExactly(
          new ErrorTrendRow(day("2026-11-01"), 2, 1),
          new ErrorTrendRow(day("2026-11-02"), 1, 1),
          new ErrorTrendRow(day("2026-11-03"), 2, 2)));
      // A day without a report in a range with one is a zero.
      assertThat(f.maybe(a -> a.errorTrend(THREE_DAYS, "fp-new"))).hasValueSatisfying(days -> assertThat(days)
          .extracting(ErrorTrendRow::reports).containsExactly(0L, 0L, 1L));
    }
  }

  @Test
  void hasNoTrendNorVersionsForAFingerprintWithoutAReportInTheRange() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(reportsOnTwoVersions());
      AnalyticsQuery before = AnalyticsQuery.of(day("2026-10-31"), day("2026-10-31"));

      for (AnalyticsQuery query : List.of(before, THREE_DAYS, THREE_DAYS.withComponent(ComponentType.NETWORK_MAPPER))) {
        String fingerprint = query == THREE_DAYS ? "0000000000000000" : "fp-x";
        assertThat(f.maybe(a -> a.error(query, fingerprint))).as("%s %s", query, fingerprint).isEmpty();
        assertThat(f.maybe(a -> a.errorTrend(query, fingerprint))).as("%s %s", query, fingerprint).isEmpty();
        assertThat(f.maybe(a -> a.errorVersions(query, fingerprint))).as("%s %s", query, fingerprint).isEmpty();
      }
    }
  }

  @Test
  void ratesEachVersionByTheShareOfItsActiveInstallsReportingTheError() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(reportsOnTwoVersions());

      assertThat(f.maybe(a -> a.errorVersions(THREE_DAYS, "fp-x"))).hasValueSatisfying(rows -> assertThat(rows)
          .containsExactly(new ErrorVersionRow("v2", 3, 2, 3, 2.0 / 3, day("2026-11-02"), false),
              new ErrorVersionRow("v1", 2, 1, 2, 0.5, day("2026-11-01"), true)));
    }
  }

  @Test
  void marksTheVersionAnErrorFirstAppearedIn() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(reportsOnTwoVersions());

      assertThat(f.maybe(a -> a.errorVersions(THREE_DAYS, "fp-new"))).hasValue(
          List.of(new ErrorVersionRow("v2", 1, 1, 3, 1.0 / 3, day("2026-11-03"), true)));
      // Seen from a range that starts after it appeared, it is still new in v1, not in v2.
      assertThat(f.maybe(a -> a.errorVersions(AnalyticsQuery.of(day("2026-11-02"), day("2026-11-03")), "fp-x"))
          .orElseThrow()).extracting(ErrorVersionRow::version, ErrorVersionRow::newInVersion)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("v2", false));
    }
  }
}
