package dev.pulse.client.send;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import dev.pulse.schema.EventType;

/**
 * Distinct keys per event type within a window; the level sent is the number of distinct keys. Keys
 * stay in this process: only their count is sent. At most {@code cap} keys are held per counter; a new
 * key past the cap is not remembered and counted in {@link #overCap()}, and the level stays at the cap
 * (read it as "at least cap") until the window restarts.
 *
 * <p>Thread-safe. A key already seen costs one hash lookup and allocates nothing.
 */
final class UniqueCounters {

  private final int cap;
  private final UsageAggregator aggregator;
  private final AtomicReferenceArray<Set<String>> sets =
      new AtomicReferenceArray<>(EventType.values().length);
  private final LongAdder overCap = new LongAdder();

  UniqueCounters(int cap, UsageAggregator aggregator) {
    this.cap = cap;
    this.aggregator = aggregator;
  }

  void add(EventType type, String key) {
    Set<String> set = setFor(type.ordinal());
    if (set.contains(key)) {
      aggregator.touch(type);
      return;
    }
    if (set.size() >= cap) {
      overCap.increment();
      aggregator.touch(type);
      return;
    }
    set.add(key);
    aggregator.recordLevel(type, Math.min(set.size(), cap));
  }

  /** Starts a new window: every counter restarts from zero. */
  void reset() {
    for (int i = 0; i < sets.length(); i++) {
      Set<String> set = sets.get(i);
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
      Set<String> set = sets.get(i);
      total += set == null ? 0 : set.size();
    }
    return total;
  }

  private Set<String> setFor(int i) {
    Set<String> set = sets.get(i);
    if (set == null) {
      sets.compareAndSet(i, null, ConcurrentHashMap.newKeySet());
      set = sets.get(i);
    }
    return set;
  }
}
