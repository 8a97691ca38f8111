package dev.pulse.server.analytics;

import static dev.pulse.server.analytics.Telemetry.at;
import static dev.pulse.server.analytics.Telemetry.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(EmbeddedPostgresServer.LOCK)
class RollupMaintenanceTest {

  @TempDir Path dataDir;

  private static final AnalyticsQuery NOVEMBER = AnalyticsQuery.of(day("2026-11-01"), day("2026-11-30"));

  @Test
  void aLateRecordForADayAlreadyRolledUpChangesThatDaysVersionAndLevel() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v1", EventType.SERVICE_DISCOVERED, 5, "2026-11-10T10:00:00"));
      for (Analytics store : f.rollupsOfEachStore()) {
        assertThat(store.source().refresh()).isEqualTo(1);
      }
      assertThat(f.answer(a -> a.versions(NOVEMBER))).extracting(VersionShareRow::version).containsExactly("v1");

      f.append(new Telemetry()
          .event("a", ComponentType.NETWORK_MAPPER, "v2", EventType.SERVICE_DISCOVERED, 7, "2026-11-10T11:00:00")
          .event("a", ComponentType.NETWORK_MAPPER, "v0", EventType.SERVICE_DISCOVERED, 9, "2026-11-10T09:00:00"));

      assertThat(f.answer(a -> a.versions(NOVEMBER))).extracting(VersionShareRow::version).containsExactly("v2");
      assertThat(f.answer(a -> a.features(NOVEMBER)).get(0).max()).isEqualTo(7L);
      for (Analytics store : f.rollupsOfEachStore()) {
        assertThat(store.source().refresh()).as("nothing new").isZero();
      }
    }
  }

  @Test
  void refreshingAfterEveryBatchAnswersAsOneRefreshAtTheEnd() {
    try (AnalyticsFixture stepwise = new AnalyticsFixture(dataDir.resolve("stepwise"));
        AnalyticsFixture once = new AnalyticsFixture(dataDir.resolve("once"))) {
      List<Telemetry> batches = new ArrayList<>();
      for (int day = 1; day <= 20; day++) {
        Telemetry t = new Telemetry();
        for (int install = 0; install < 8; install++) {
          if ((install + day) % 3 == 0) {
            continue;
          }
          String d = String.format("2026-11-%02dT%02d:00:00", day, install);
          t.event("i" + install, install % 2 == 0 ? ComponentType.NETWORK_MAPPER : ComponentType.NODE_AGENT, "v" + (day / 7), EventType.INTENTS_DISCOVERED,
              day * install, d);
          t.error("i" + install, "v" + (day / 7), "fp-" + (install % 3), "boom " + day, d);
          t.cli("u" + install, "v1", "intents", "list", d);
        }
        batches.add(t);
      }
      for (Telemetry t : batches) {
        stepwise.append(t);
        stepwise.rollupsOfEachStore().forEach(a -> a.source().refresh());
        once.append(t);
      }
      AnalyticsQuery early = AnalyticsQuery.of(day("2026-11-03"), day("2026-11-12"));
      for (AnalyticsQuery q : List.of(NOVEMBER, NOVEMBER.withVersion("v1"),
          NOVEMBER.withComponent(ComponentType.NETWORK_MAPPER), early,
          early.withComponent(ComponentType.NODE_AGENT))) {
        for (Breakdown by : Breakdown.values()) {
          assertThat(stepwise.answer(a -> a.activeInstalls(q, by)))
              .isEqualTo(once.answer(a -> a.activeInstalls(q, by)));
        }
        assertThat(stepwise.answer(a -> a.features(q))).isEqualTo(once.answer(a -> a.features(q)));
        assertThat(stepwise.answer(a -> a.errors(q))).isEqualTo(once.answer(a -> a.errors(q)));
        assertThat(stepwise.answer(a -> a.cli(q))).isEqualTo(once.answer(a -> a.cli(q)));
        assertThat(stepwise.answer(a -> a.retention(q))).isEqualTo(once.answer(a -> a.retention(q)));
        assertThat(stepwise.answer(a -> a.newInstalls(q, Period.WEEK)))
            .isEqualTo(once.answer(a -> a.newInstalls(q, Period.WEEK)));
      }
    }
  }

  @Test
  void pruningThroughTheStoreKeepsEveryAnswerFromTheRollupsEvenWithNoRefreshBefore() {
    try (AnalyticsFixture f = new AnalyticsFixture(dataDir)) {
      f.append(new Telemetry()
          .active("old", "2026-08-01").error("old", "v1", "fp-old", "long ago", "2026-08-01")
          .cli("u", "v1", "intents", "list", "2026-08-01")
          .active("old", "2026-11-10").active("new", "2026-11-10"));
      AnalyticsQuery since = AnalyticsQuery.of(day("2026-08-01"), day("2026-11-30"));
      // Computed from the raw rows before any is pruned, and before the rollups were ever refreshed.
      List<ActiveInstallsRow> before = f.raw.activeInstalls(since, Breakdown.NONE);
      List<ErrorGroupRow> errorsBefore = f.raw.errors(since);
      List<CliUsageRow> cliBefore = f.raw.cli(since);
      List<NewInstallsRow> newBefore = f.raw.newInstalls(NOVEMBER, Period.DAY);
      for (int i = 0; i < f.stores().size(); i++) {
        EventStore store = f.stores().get(i);
        Analytics rollups = f.rollupsOfEachStore().get(i);

        long pruned = 0;
        for (RecordKind kind : RecordKind.values()) {
          pruned += store.pruneOlderThan(kind, at("2026-11-01T00:00:00"));
        }

        assertThat(pruned).isEqualTo(3);
        assertThat(rawEvents(store)).hasSize(2);
        assertThat(rollups.activeInstalls(since, Breakdown.NONE)).isEqualTo(before);
        assertThat(rollups.errors(since)).isEqualTo(errorsBefore);
        assertThat(rollups.cli(since)).isEqualTo(cliBefore);
        assertThat(rollups.newInstalls(NOVEMBER, Period.DAY))
            .as("an install first seen before the pruned days is still not new")
            .isEqualTo(newBefore)
            .extracting(NewInstallsRow::newInstalls).contains(1L).doesNotContain(2L);
      }
    }
  }

  private static List<StoredEvent> rawEvents(EventStore store) {
    List<StoredEvent> events = new ArrayList<>();
    store.forEachEvent(events::add);
    return events;
  }
}
