package dev.pulse.client.send;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import dev.pulse.schema.EventType;

/**
 * Distinct keys per event type within a window; the level sent is the number of distinct keys. Keys
 * are held as 64-bit digests ({@link KeyDigests}), never as given, so memory is bounded by the key
 * count whatever the keys' length; only the count is sent. At most {@code cap} keys are held per
 * counter; a new key past the cap is not remembered and counted in {@link #overCap()}, and the level
 * stays at the cap (read it as "at least cap") until the window restarts.
 *
 * <p>Thread-safe. A key already seen costs one digest and one lookup and allocates nothing.
 */
final class UniqueCounters {

  private final int cap;
  private final UsageAggregator aggregator;
  private final AtomicReferenceArray<KeyDigests> sets =
      new AtomicReferenceArray<>(EventType.values().length);
  private final LongAdder overCap = new LongAdder();

  UniqueCounters(int cap, UsageAggregator aggregator) {
    this.cap = cap;
    this.aggregator = aggregator;
  }

  void add(EventType type, String key) {
    int added = setFor(type.ordinal()).add(key, cap);
    if (added == KeyDigests.KNOWN) {
      aggregator.touch(type);
    } else if (added == KeyDigests.FULL) {
      overCap.increment();
      aggregator.touch(type);
    } else {
      aggregator.recordLevel(type, added);
    }
  }

  /** Starts a new window: every counter restarts from zero. */
  void reset() {
    for (int i = 0; i < sets.length(); i++) {
      KeyDigests set = sets.get(i);
      if (set != null) {
        set.clear();
      }
    }
  }

  /** Keys not remembered because a counter was full. */
  long overCap() {
    return overCap.sum();
  }

  /** Keys held now over all counters (for tests and stats). */
  long heldKeys() {
    long total = 0;
    for (int i = 0; i < sets.length(); i++) {
      KeyDigests set = sets.get(i);
      total += set == null ? 0 : set.size();
    }
    return total;
  }

  private KeyDigests setFor(int i) {
    KeyDigests set = sets.get(i);
    if (set == null) {
      sets.compareAndSet(i, null, new KeyDigests());
      set = sets.get(i);
    }
    return set;
  }
}
