package dev.pulse.server.retention;

import static dev.pulse.server.store.ReadBack.cliCommands;
import static dev.pulse.server.store.ReadBack.errors;
import static dev.pulse.server.store.ReadBack.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.RecordPruner;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.threads.BackgroundThreads;
import dev.pulse.server.threads.Nice;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class RetentionPrunerTest {

  @TempDir Path dataDir;

  @Test
  void prunesEachKindByItsOwnRetentionInSmallChunks() {
    // "Now" is day 10: events keep 5 days (days 5..9 stay), CLI commands 8, errors the default 90.
    Clock clock = Clock.fixed(Fixture.day(10), ZoneOffset.UTC);
    RetentionPolicy policy =
        RetentionPolicy.builder().days(RecordKind.EVENTS, 5).days(RecordKind.CLI_COMMANDS, 8).build();
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        RetentionPruner pruner = RetentionPruner.create(store, policy, clock, 2, Duration.ZERO)) {
      store.append(Fixture.overDays(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));

      Map<RecordKind, Long> deleted = pruner.pruneNow();

      assertThat(deleted)
          .containsEntry(RecordKind.EVENTS, 5L)
          .containsEntry(RecordKind.CLI_COMMANDS, 2L)
          .containsEntry(RecordKind.ERRORS, 0L);
      assertThat(events(store)).extracting(StoredEvent::receivedAt).first().isEqualTo(Fixture.day(5));
      assertThat(cliCommands(store)).hasSize(8);
      assertThat(errors(store)).hasSize(10);
    }
  }

  @Test
  void aScheduledRunThatFailsIsRetriedAtTheNextRun() throws Exception {
    FailingFirstStore store = new FailingFirstStore();
    RetentionPruner pruner = RetentionPruner.create(store, RetentionPolicy.defaults(), Clock.systemUTC());
    try {
      pruner.schedule(Duration.ofMillis(5), new SimpleMeterRegistry());
      assertThat(store.calls.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pruner.close();
    }
  }

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aRefusalOfTheStoreIsLoggedInOneLineWithoutItsTrace() throws Exception {
    FailingFirstStore store = new FailingFirstStore();
    RetentionPruner pruner = RetentionPruner.create(store, RetentionPolicy.defaults(), Clock.systemUTC());
    try (CapturedLog log = CapturedLog.start()) {
      pruner.schedule(Duration.ofMillis(5), new SimpleMeterRegistry());
      assertThat(store.calls.await(30, TimeUnit.SECONDS)).isTrue();
      pruner.close();

      assertThat(log.text()).contains("retention: pruning failed, will retry at the next run: disk full")
          .doesNotContain("\tat ").doesNotContain("StoreException");
    } finally {
      pruner.close();
    }
  }

  @Test
  void eachScheduledRunIsCountedByItsOutcomeAndTheLastSuccessIsTold() throws Exception {
    // The first call fails its run; the fifth starts a third run, so the second (three calls) has ended.
    CountDownLatch calls = new CountDownLatch(5);
    RecordPruner store = (kind, cutoff, maxRecords) -> {
      calls.countDown();
      if (calls.getCount() == 4) {
        throw new StoreException("disk full");
      }
      return 0;
    };
    MeterRegistry meters = new SimpleMeterRegistry();
    Instant now = Fixture.day(100);
    try (RetentionPruner pruner = RetentionPruner.create(store, RetentionPolicy.defaults(), Clock.fixed(now, ZoneOffset.UTC))) {
      pruner.schedule(Duration.ofMillis(5), meters);
      assertThat(calls.await(30, TimeUnit.SECONDS)).isTrue();
      pruner.close();

      assertThat(meters.get("pulse.retention.runs").tag("outcome", "failed").counter().count()).isEqualTo(1);
      assertThat(meters.get("pulse.retention.runs").tag("outcome", "succeeded").counter().count()).isGreaterThanOrEqualTo(1);
      assertThat(meters.get("pulse.retention.last.success").gauge().value()).isEqualTo(now.getEpochSecond());
    }
  }

  @Test
  void aSecondRunFindsNothingLeftToPrune() {
    Clock clock = Clock.fixed(Fixture.day(100), ZoneOffset.UTC);
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        RetentionPruner pruner = RetentionPruner.create(store, RetentionPolicy.defaults(), clock)) {
      store.append(Fixture.overDays(0, 1, 50));
      pruner.pruneNow();

      assertThat(pruner.pruneNow()).containsOnly(
          Map.entry(RecordKind.EVENTS, 0L), Map.entry(RecordKind.CLI_COMMANDS, 0L), Map.entry(RecordKind.ERRORS, 0L));
      assertThat(events(store)).hasSize(1);
    }
  }

  /** Fails its first prune, then counts the ones that follow: the prune role is all the pruner needs. */
  @Test
  void scheduledPruningRunsAtTheLowestPrioritySoThatRequestsGoFirst() throws Exception {
    Nice.assumeLinux();
    CompletableFuture<Integer> nice = new CompletableFuture<>();
    RecordPruner store = (kind, cutoff, maxRecords) -> {
      nice.complete(Nice.ofCurrentThread());
      return 0;
    };
    try (RetentionPruner pruner = RetentionPruner.create(store, RetentionPolicy.defaults(), Clock.systemUTC())) {
      pruner.schedule(Duration.ofMillis(5), new SimpleMeterRegistry());

      assertThat(nice.get(30, TimeUnit.SECONDS)).isEqualTo(BackgroundThreads.NICE);
    }
  }

  private static final class FailingFirstStore implements RecordPruner {
    final CountDownLatch calls = new CountDownLatch(3);
    private boolean failed;

    @Override
    public synchronized long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
      if (!failed) {
        failed = true;
        throw new StoreException("disk full");
      }
      calls.countDown();
      return 0;
    }
  }
}
