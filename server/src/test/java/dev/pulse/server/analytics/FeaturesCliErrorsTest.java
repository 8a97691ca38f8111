package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.at;
import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventKind;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class FeaturesCliErrorsTest {

  @TempDir Path dataDir;

  private static final AnalyticsQuery NOVEMBER = AnalyticsQuery.of(day("2026-11-01"), day("2026-11-30"));

  @Test
  void aLevelReportedEveryFiveSecondsIsTheLatestPerInstanceSummedOverInstancesNeverOverTime() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      Telemetry t = new Telemetry();
      Instant start = at("2026-11-10T00:00:00");
      for (int i = 0; i < 17_280; i++) { // a whole day, every 5 s; the level grows to 40
        t.eventAt("big", ComponentType.NETWORK_MAPPER, "big-1", "v1", EventType.SERVICE_DISCOVERED,
            Math.min(40, 1 + i / 100), start.plusSeconds(5L * i));
      }
      // A second instance of the same install (e.g. a restart alongside) adds its own latest level.
      t.event("big", ComponentType.NETWORK_MAPPER, "big-2", "v1", EventType.SERVICE_DISCOVERED, 2, "2026-11-10");
      // Earlier days' levels do not add up: only the latest day in the range counts.
      t.event("big", ComponentType.NETWORK_MAPPER, "big-1", "v1", EventType.SERVICE_DISCOVERED, 500, "2026-11-09");
      t.event("small", ComponentType.NETWORK_MAPPER, "v1", EventType.SERVICE_DISCOVERED, 10, "2026-11-10");
      f.append(t);

      FeatureRow services = feature(f.answer(a -> a.features(NOVEMBER)), "SERVICE_DISCOVERED");

      assertThat(services).isEqualTo(
          new FeatureRow("SERVICE_DISCOVERED", EventKind.LEVEL, 2, null, 26.0, 38.8, 42L));
    }
  }

  @Test
  void anInstallsLevelIsSummedOverItsComponentTypesAndThePercentilesInterpolateBetweenInstalls() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      Telemetry t = new Telemetry();
      // Installs i1..i7 with levels 1, 2, 4, ..., 64 on their last day; earlier days' levels are larger.
      for (int i = 1; i <= 7; i++) {
        t.event("i" + i, ComponentType.NETWORK_MAPPER, "v1", EventType.NAMESPACE_DISCOVERED, 1000, "2026-11-0" + i);
        t.event("i" + i, ComponentType.NETWORK_MAPPER, "v1", EventType.NAMESPACE_DISCOVERED, 1 << (i - 1),
            "2026-11-1" + i);
      }
      // i7's other component type reports the same event type on its last day: 64 + 36 = 100.
      t.event("i7", ComponentType.INTENTS_OPERATOR, "v1", EventType.NAMESPACE_DISCOVERED, 36, "2026-11-17");
      f.append(t);
      // A late record moves i1's last day: its level is now 3.
      f.append(new Telemetry().event("i1", ComponentType.NETWORK_MAPPER, "v1", EventType.NAMESPACE_DISCOVERED, 3,
          "2026-11-20"));

      // Levels 2, 3, 4, 8, 16, 32, 100: the median is the 4th, 8; p90 lies 0.4 of the way from 32 to 100.
      assertThat(feature(f.answer(a -> a.features(NOVEMBER)), "NAMESPACE_DISCOVERED")).isEqualTo(
          new FeatureRow("NAMESPACE_DISCOVERED", EventKind.LEVEL, 7, null, 8.0, 32 + 0.4 * 68, 100L));
      // Per component type, and a range that ends before the last days of i6 and i7: 1, 2, 4, 8, 16, 1000, 1000.
      AnalyticsQuery mappers = AnalyticsQuery.of(day("2026-11-03"), day("2026-11-15"))
          .withComponent(ComponentType.NETWORK_MAPPER);
      assertThat(feature(f.answer(a -> a.features(mappers)), "NAMESPACE_DISCOVERED")).isEqualTo(
          new FeatureRow("NAMESPACE_DISCOVERED", EventKind.LEVEL, 7, null, 8.0, 1000.0, 1000L));
    }
  }

  @Test
  void deltasAreSummedStartsCountedAndHeartbeatsArePresence() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.MAPPER_EXPORT, 3, "2026-11-10T01:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.MAPPER_EXPORT, 4, "2026-11-11T01:00:00")
          .event("b", ComponentType.NETWORK_MAPPER, "v1", EventType.MAPPER_EXPORT, 5, "2026-11-11T01:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.STARTED, 0, "2026-11-10T01:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.STARTED, 1, "2026-11-12T01:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-12T01:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, "2026-11-12T02:00:00"));
      List<FeatureRow> rows = f.answer(a -> a.features(NOVEMBER));

      assertThat(feature(rows, "MAPPER_EXPORT"))
          .isEqualTo(new FeatureRow("MAPPER_EXPORT", EventKind.DELTA, 2, 12L, null, null, null));
      assertThat(feature(rows, "STARTED"))
          .isEqualTo(new FeatureRow("STARTED", EventKind.HEARTBEAT, 1, 2L, null, null, null));
      assertThat(feature(rows, "ACTIVE"))
          .isEqualTo(new FeatureRow("ACTIVE", EventKind.HEARTBEAT, 1, null, null, null, null));
      assertThat(feature(rows, "INTENTS_APPLIED"))
          .isEqualTo(new FeatureRow("INTENTS_APPLIED", EventKind.LEVEL, 0, null, null, null, null));
    }
  }

  @Test
  void aConfiguredCatalogOverrideChangesHowAnEventTypeAggregates() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.MAPPER_EXPORT, 3, "2026-11-10T01:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.MAPPER_EXPORT, 4, "2026-11-10T02:00:00"));
      Analytics asLevel = new Analytics(f.rollups.source(),
          f.rollups.catalog().withOverrides(java.util.Map.of("MAPPER_EXPORT", EventKind.LEVEL)), true);

      assertThat(feature(asLevel.features(NOVEMBER), "MAPPER_EXPORT"))
          .isEqualTo(new FeatureRow("MAPPER_EXPORT", EventKind.LEVEL, 1, null, 4.0, 4.0, 4L));
    }
  }

  @Test
  void cliCommandsCountInvocationsAndDistinctContextsPerVersion() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .cli("u1", "v2", "intents", "apply", "2026-11-10", "--dry-run")
          .cli("u1", "v2", "intents", "apply", "2026-11-11", "--dry-run")
          .cli("u2", "v2", "intents", "apply", "2026-11-11", "--dry-run")
          .cli("u2", "v2", "mapper", "export", "2026-11-11")
          .cli("u3", "v1", "intents", "apply", "2026-11-11", "--dry-run"));
      List<CliUsageRow> rows = f.answer(a -> a.cli(NOVEMBER));

      assertThat(rows).containsExactly(
          new CliUsageRow("intents", "apply", "--dry-run", "v2", 3, 2),
          new CliUsageRow("intents", "apply", "--dry-run", "v1", 1, 1),
          new CliUsageRow("mapper", "export", "", "v2", 1, 1));
      assertThat(f.answer(a -> a.activeInstalls(NOVEMBER, Breakdown.NONE)))
          .allSatisfy(r -> assertThat(r.active28()).as("CLI contexts are not installs").isZero());
    }
  }

  @Test
  void errorsGroupByFingerprintWithInstallsVersionsAndTheLatestSample() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .error("a", "v1", "fp-1", "first", "2026-11-10T01:00:00")
          .error("a", "v2", "fp-1", "second", "2026-11-11T01:00:00")
          .error("b", "v1", "fp-1", "third", "2026-11-12T01:00:00")
          .error("b", "v1", "fp-2", "other", "2026-11-12T02:00:00"));
      List<ErrorGroupRow> rows = f.answer(a -> a.errors(NOVEMBER));

      assertThat(rows).containsExactly(
          new ErrorGroupRow("fp-1", "*errors.errorString", "third", 3, 2, "v1,v2",
              at("2026-11-10T01:00:00"), at("2026-11-12T01:00:00")),
          new ErrorGroupRow("fp-2", "*errors.errorString", "other", 1, 1, "v1",
              at("2026-11-12T02:00:00"), at("2026-11-12T02:00:00")));
      ErrorDetailRow detail = f.maybe(a -> a.error(NOVEMBER, "fp-1")).orElseThrow();
      assertThat(detail.sample().message()).isEqualTo("third");
      assertThat(detail.sample().cause().errorClass()).isEqualTo("*net.OpError");
      assertThat(detail.sample().cause().stack()).hasSize(1);
      assertThat(f.maybe(a -> a.error(NOVEMBER, "fp-unknown"))).isEmpty();
    }
  }

  @Test
  void erasingTheInstallOfAnErrorsLatestReportShowsTheOtherInstallsLatestAndNothingOfTheErased() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .error("a", "v1", "fp-1", "first from a", "2026-11-10T01:00:00")
          .error("b", "v1", "fp-1", "from b", "2026-11-11T01:00:00")
          .error("a", "v2", "fp-1", "latest from a", "2026-11-12T01:00:00"));
      assertThat(f.maybe(a -> a.error(NOVEMBER, "fp-1")).orElseThrow().sample().message())
          .isEqualTo("latest from a");

      f.stores().forEach(store -> store.erase("a"));

      assertThat(f.answer(a -> a.errors(NOVEMBER))).containsExactly(
          new ErrorGroupRow("fp-1", "*errors.errorString", "from b", 1, 1, "v1",
              at("2026-11-11T01:00:00"), at("2026-11-11T01:00:00")));
      assertThat(f.maybe(a -> a.error(NOVEMBER, "fp-1")).orElseThrow().sample().message()).isEqualTo("from b");
    }
  }

  private static FeatureRow feature(List<FeatureRow> rows, String eventType) {
    return rows.stream().filter(r -> r.eventType().equals(eventType)).findFirst().orElseThrow();
  }
}
