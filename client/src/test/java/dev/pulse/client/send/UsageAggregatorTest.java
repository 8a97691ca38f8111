package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import dev.pulse.schema.EventCatalog;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;

class UsageAggregatorTest {

  private final UsageAggregator aggregator = new UsageAggregator(EventCatalog.builtIn());

  @Test
  void sumsDeltasKeepsTheLatestLevelAndSendsHeartbeatsOnce() {
    aggregator.record(EventType.NETWORK_POLICIES_CREATED, 3);
    aggregator.record(EventType.NETWORK_POLICIES_CREATED, 4);
    aggregator.record(EventType.INTENTS_APPLIED, 10);
    aggregator.record(EventType.INTENTS_APPLIED, 7);
    aggregator.record(EventType.ACTIVE, 0);
    aggregator.record(EventType.ACTIVE, 0);

    assertThat(aggregator.drain()).containsExactly(
        TelemetryData.of(EventType.INTENTS_APPLIED, 7),
        TelemetryData.of(EventType.NETWORK_POLICIES_CREATED, 7),
        TelemetryData.of(EventType.ACTIVE, 0));
    assertThat(aggregator.drain()).isEmpty();
  }

  @Test
  void aFloodFromManyThreadsLosesNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 250_000; i++) {
          aggregator.record(EventType.MAPPER_EXPORT, 1);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.MAPPER_EXPORT, 1_000_000));
  }

  @Test
  void clampsCountsToTheWiresIntRange() {
    aggregator.record(EventType.MAPPER_EXPORT, Integer.MAX_VALUE);
    aggregator.record(EventType.MAPPER_EXPORT, 10);

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.MAPPER_EXPORT, Integer.MAX_VALUE));
  }

  @Test
  void aDeltaSumPastTheLargestCountIsSentAsTheLargestCount() {
    aggregator.record(EventType.NETWORK_POLICIES_CREATED, Long.MAX_VALUE);
    aggregator.record(EventType.NETWORK_POLICIES_CREATED, 5);
    aggregator.record(EventType.INTENTS_DELETED, Integer.MAX_VALUE);
    aggregator.record(EventType.INTENTS_DELETED, Integer.MAX_VALUE);

    assertThat(aggregator.drain()).containsExactlyInAnyOrder(
        TelemetryData.of(EventType.NETWORK_POLICIES_CREATED, Integer.MAX_VALUE),
        TelemetryData.of(EventType.INTENTS_DELETED, Integer.MAX_VALUE));
  }

  @Test
  void aRestoredDeltaSaturatesToo() {
    aggregator.record(EventType.NETWORK_POLICIES_CREATED, Long.MAX_VALUE - 1);
    aggregator.restore(EventType.NETWORK_POLICIES_CREATED, Long.MAX_VALUE);

    assertThat(aggregator.drain()).containsExactly(
        TelemetryData.of(EventType.NETWORK_POLICIES_CREATED, Integer.MAX_VALUE));
  }
}
