package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import dev.pulse.schema.EventCatalog;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;

class UniqueCountersTest {

  private final UsageAggregator aggregator = new UsageAggregator(EventCatalog.builtIn());
  private final UniqueCounters counters = new UniqueCounters(3, aggregator);

  @Test
  void countsDistinctKeysAsALevel() {
    counters.add(EventType.SERVICE_DISCOVERED, "a");
    counters.add(EventType.SERVICE_DISCOVERED, "b");
    counters.add(EventType.SERVICE_DISCOVERED, "a");

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.SERVICE_DISCOVERED, 2));
  }

  @Test
  void seeingAKnownKeyAgainResendsTheCurrentLevel() {
    counters.add(EventType.SERVICE_DISCOVERED, "a");
    aggregator.drain();
    counters.add(EventType.SERVICE_DISCOVERED, "a");

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.SERVICE_DISCOVERED, 1));
  }

  @Test
  void stopsAtTheCapAndCountsWhatItCouldNotHold() {
    for (int i = 0; i < 10; i++) {
      counters.add(EventType.NAMESPACE_DISCOVERED, "ns-" + i);
    }

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.NAMESPACE_DISCOVERED, 3));
    assertThat(counters.overCap()).isEqualTo(7);
    assertThat(counters.heldKeys()).isEqualTo(3);
  }

  @Test
  void resetStartsANewWindow() {
    counters.add(EventType.SERVICE_DISCOVERED, "a");
    counters.add(EventType.SERVICE_DISCOVERED, "b");
    counters.reset();
    counters.add(EventType.SERVICE_DISCOVERED, "a");

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.SERVICE_DISCOVERED, 1));
    assertThat(counters.heldKeys()).isEqualTo(1);
  }
}
