package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.at;
import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Where PostgreSQL's per-day and per-week aggregates, and the CLI-day rows' next days, (kept by triggers as the rollups change) could
 * drift from the rollups: late records for old days, erasure, retention. Every answer is compared with both stores'
 * raw scans ({@link AnalyticsFixture#answer}), and with a store that never held what was erased.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class DayAggregatesTest {

  private static final AnalyticsQuery AUTUMN = AnalyticsQuery.of(day("2026-10-01"), day("2026-11-30"));
  /** Wednesday to Friday of one week: the week rows keep only the range's days. */
  private static final AnalyticsQuery MIDWEEK = AnalyticsQuery.of(day("2026-10-07"), day("2026-10-09"));
  private static final AnalyticsQuery MAPPERS = AUTUMN.withComponent(ComponentType.NETWORK_MAPPER);
  /** Ends between two days a context ran the same command: counted on the later one only. */
  private static final AnalyticsQuery EARLY_OCTOBER = AnalyticsQuery.of(day("2026-10-01"), day("2026-10-09"));

  @TempDir Path dataDir;

  /**
   * Installs i0..i5 on two component types, active on a pattern of days in October and November, and
   * on odd days running two CLI commands, one per day, and reporting two errors on days of their own.
   */
  private static Telemetry installs(String... skipped) {
    Telemetry t = new Telemetry();
    for (int install = 0; install < 6; install++) {
      if (List.of(skipped).contains("i" + install)) {
        continue;
      }
      for (int day = 1; day <= 50; day += 1 + install % 4) {
        String when = day("2026-10-01").plusDays(day).toString() + "T0" + install + ":00:00";
        ComponentType type = day % 2 == 0 ? ComponentType.NETWORK_MAPPER : ComponentType.NODE_AGENT;
        t.event("i" + install, type, "v" + (day / 20), EventType.INTENTS_DISCOVERED, day + install, when);
        if (day % 2 == 1) {
          t.cli("i" + install, "v" + (day / 20), "intents", day % 4 < 2 ? "list" : "apply", when);
        }
        if (day % 9 == 0) {
          t.error("i" + install, "v" + (day / 20), "fp-1", "failed", when);
        }
        if (day % 3 == 0) {
          t.error("i" + install, "v" + (day / 20), "fp-2", "timed out", when);
        }
      }
    }
    return t;
  }

  @Test
  void aLateRecordForAnOldDayMovesTheCountsOfThatDayAndOfTheWindowsAfterIt() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(installs());
      List<List<Object>> before = everyCount(f);

      // i1 seen weeks before its first day, and i2 on a day it was silent, with a version of its own; and
      // i2 listing on October 5, between its lists of October 2 and 14; i0 timing out on October 8, between
      // October 7 and 10.
      f.append(new Telemetry()
          .event("i1", ComponentType.NETWORK_MAPPER, "v9", EventType.INTENTS_DISCOVERED, 3, "2026-09-20T10:00:00")
          .event("i2", ComponentType.NODE_AGENT, "v9", EventType.INTENTS_DISCOVERED, 4, "2026-10-05T23:59:59")
          .cli("i2", "v0", "intents", "list", "2026-10-05T12:00:00")
          .error("i0", "v9", "fp-2", "timed out", "2026-10-08T12:00:00"));

      assertThat(everyCount(f)).isNotEqualTo(before);
      // Every install listed in those days; i2 twice, and still counted once.
      assertThat(f.answer(a -> a.cli(EARLY_OCTOBER))).filteredOn(row -> row.verb().equals("list"))
          .singleElement().extracting(CliUsageRow::installs).isEqualTo(6L);
      // i0, i1, i4 and i5 timed out in those days; i0 three times.
      assertThat(f.answer(a -> a.errors(EARLY_OCTOBER))).filteredOn(row -> row.fingerprint().equals("fp-2"))
          .singleElement().extracting(ErrorGroupRow::installs).isEqualTo(4L);
      assertThat(f.answer(a -> a.versions(AUTUMN))).extracting(VersionShareRow::version).contains("v9");
    }
  }

  @Test
  void erasingAnInstallTakesItOutOfEveryCountAsIfItHadNeverSent() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir.resolve("erased"));
        AnalyticsFixture never = new AnalyticsFixture(dataDir.resolve("never"))) {
      f.append(installs());
      everyCount(f); // the aggregates hold i3 before it is erased
      never.append(installs("i3"));

      f.stores().forEach(store -> store.erase("i3"));

      assertThat(everyCount(f)).isEqualTo(everyCount(never));
    }
  }

  @Test
  void pruningRawRecordsLeavesEveryCountAsItWas() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(installs());
      List<List<Object>> before = everyCount(f);
      f.stores().forEach(store -> assertThat(Arrays.stream(RecordKind.values())
          .mapToLong(kind -> store.pruneOlderThan(kind, at("2026-11-01T00:00:00"))).sum()).isPositive());

      for (Analytics rollups : f.rollupsOfEachStore()) {
        assertThat(counts(rollups)).isEqualTo(before);
      }
    }
  }

  /** Every analysis the per-day aggregates serve, checked to agree across stores and raw scans. */
  private static List<List<Object>> everyCount(AnalyticsFixture f) {
    List<List<Object>> answers = new ArrayList<>();
    for (Function<Analytics, List<Object>> analysis : analyses()) {
      answers.add(f.answer(analysis));
    }
    return answers;
  }

  private static List<List<Object>> counts(Analytics analytics) {
    return analyses().stream().map(analysis -> analysis.apply(analytics)).toList();
  }

  private static List<Function<Analytics, List<Object>>> analyses() {
    List<Function<Analytics, List<Object>>> analyses = new ArrayList<>();
    for (AnalyticsQuery query : List.of(AUTUMN, MAPPERS, AUTUMN.withVersion("v1"), MIDWEEK)) {
      for (Breakdown by : List.of(Breakdown.NONE, Breakdown.COMPONENT)) {
        analyses.add(a -> new ArrayList<>(a.activeInstalls(query, by)));
      }
      analyses.add(a -> new ArrayList<>(a.newInstalls(query, Period.DAY)));
      analyses.add(a -> new ArrayList<>(a.versions(query)));
      analyses.add(a -> new ArrayList<>(a.features(query)));
      analyses.add(a -> new ArrayList<>(a.releases(query)));
      analyses.add(a -> new ArrayList<>(a.retention(query)));
      analyses.add(a -> new ArrayList<>(a.lifecycle(query, Period.WEEK)));
      analyses.add(a -> new ArrayList<>(a.stickiness(query, Period.WEEK)));
      analyses.add(a -> new ArrayList<>(List.of(a.errorVersions(query, "fp-1"))));
      analyses.add(a -> new ArrayList<>(a.cli(query)));
      analyses.add(a -> new ArrayList<>(a.errors(query)));
    }
    analyses.add(a -> new ArrayList<>(a.cli(EARLY_OCTOBER)));
    analyses.add(a -> new ArrayList<>(a.errors(EARLY_OCTOBER)));
    analyses.add(a -> new ArrayList<>(a.error(EARLY_OCTOBER, "fp-2").stream().toList()));
    analyses.add(a -> new ArrayList<>(List.of(a.errorTrend(EARLY_OCTOBER, "fp-2"))));
    analyses.add(a -> new ArrayList<>(List.of(a.errorVersions(EARLY_OCTOBER, "fp-2"))));
    return analyses;
  }
}
