package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import dev.pulse.client.testing.Await;
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
  void aKeyLongerThanTheHashedPartIsToldByThatPartAndItsLength() {
    String head = "k".repeat(KeyDigests.HASHED_CHARS);
    String huge = head + "x".repeat(1 << 20);
    counters.add(EventType.SERVICE_DISCOVERED, huge);
    counters.add(EventType.SERVICE_DISCOVERED, head + "y".repeat(1 << 20)); // same part, same length: one
    counters.add(EventType.SERVICE_DISCOVERED, huge + "x"); // longer: another
    counters.add(EventType.SERVICE_DISCOVERED, head); // the part alone: another

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.SERVICE_DISCOVERED, 3));
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

  @Test
  void keepsADigestOfAKeyNeverTheKeyItself() {
    UniqueCounters wide = new UniqueCounters(100_000, aggregator);
    String key = new String("svc-".repeat(1000)); // a fresh object only this test and the counter could hold
    WeakReference<String> held = new WeakReference<>(key);
    wide.add(EventType.SERVICE_DISCOVERED, key);
    key = null;

    Await.until(() -> {
      System.gc();
      return held.get() == null;
    }, "the key to be collected");
    wide.add(EventType.SERVICE_DISCOVERED, "svc-".repeat(1000)); // an equal key is still known
    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.SERVICE_DISCOVERED, 1));
  }

  @Test
  void countsManyDistinctLongKeysExactly() {
    UniqueCounters wide = new UniqueCounters(100_000, aggregator);
    String prefix = "k".repeat(1024);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 30_000; i++) {
        wide.add(EventType.SERVICE_DISCOVERED, prefix + i);
      }
    }

    assertThat(aggregator.drain()).containsExactly(TelemetryData.of(EventType.SERVICE_DISCOVERED, 30_000));
    assertThat(wide.heldKeys()).isEqualTo(30_000);
    assertThat(wide.overCap()).isZero();
  }
}
