package dev.pulse.client.send;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import dev.pulse.schema.EventCatalog;
import dev.pulse.schema.EventKind;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;

/**
 * Combines usage events between two batches, one slot per {@link EventType}, as the event catalog
 * defines: DELTA counts are summed (saturating: a sum past Integer.MAX_VALUE is sent as that), LEVEL
 * keeps the latest value, HEARTBEAT is sent once. Memory is
 * fixed (two arrays of {@code EventType.values().length}), so a flood of events drops nothing and
 * allocates nothing.
 *
 * <p>Thread-safe and lock-free. Hazard, accepted: a DELTA added between {@link #drain} clearing a
 * slot's pending flag and taking its value is sent in this batch and leaves a pending flag with a zero
 * sum, which the next drain skips.
 */
final class UsageAggregator {

  private static final EventType[] TYPES = EventType.values();

  private final boolean[] delta = new boolean[TYPES.length];
  private final AtomicLongArray values = new AtomicLongArray(TYPES.length);
  private final AtomicIntegerArray pending = new AtomicIntegerArray(TYPES.length);

  UsageAggregator(EventCatalog catalog) {
    for (EventType type : TYPES) {
      delta[type.ordinal()] = catalog.kindOf(type) == EventKind.DELTA;
    }
  }

  /** Records a count with the type's catalog semantics. */
  void record(EventType type, long count) {
    int i = type.ordinal();
    if (delta[i]) {
      values.accumulateAndGet(i, count, UsageAggregator::saturatedSum);
    } else {
      values.set(i, count);
    }
    markPending(i);
  }

  /** Records a level (the size of a unique counter), whatever the type's kind. */
  void recordLevel(EventType type, long level) {
    int i = type.ordinal();
    values.set(i, level);
    markPending(i);
  }

  /** Marks a type to be sent with its current value (a unique counter seen again). */
  void touch(EventType type) {
    markPending(type.ordinal());
  }

  /**
   * Puts back a count taken by {@link #drain} but not sent: a DELTA is added to what came since; any
   * other kind keeps its latest value (a newer level wins) and is marked to be sent again.
   */
  void restore(EventType type, long count) {
    int i = type.ordinal();
    if (delta[i]) {
      values.accumulateAndGet(i, count, UsageAggregator::saturatedSum);
    }
    markPending(i);
  }

  /** Takes everything recorded since the last drain, in enum order. */
  List<TelemetryData> drain() {
    List<TelemetryData> out = new ArrayList<>();
    for (int i = 0; i < TYPES.length; i++) {
      if (pending.get(i) == 0 || pending.getAndSet(i, 0) == 0) {
        continue;
      }
      long value = delta[i] ? values.getAndSet(i, 0) : values.get(i);
      if (delta[i] && value == 0) {
        continue;
      }
      out.add(TelemetryData.of(TYPES[i], (int) Math.min(Math.max(value, 0), Integer.MAX_VALUE)));
    }
    return out;
  }

  /**
   * {@code a + b} held at Long.MAX_VALUE (or MIN_VALUE) instead of wrapping: a sum past it is sent as
   * Integer.MAX_VALUE.
   */
  static long saturatedSum(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  private void markPending(int i) {
    // Read first: avoids a write (and cache-line traffic) when the flag is already set.
    if (pending.get(i) == 0) {
      pending.set(i, 1);
    }
  }
}
