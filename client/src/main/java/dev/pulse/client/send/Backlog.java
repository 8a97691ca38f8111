package dev.pulse.client.send;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import dev.pulse.schema.EventCatalog;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;

/**
 * What waits to be sent: usage combined per event type (fixed memory), unique counters, and a bounded
 * queue of errors and CLI commands ({@code bufferSize}). Host threads add; the worker takes, and puts
 * back what a server told it to send later, ahead of newer items. The bound holds throughout: a full
 * queue refuses a new item, and items put back that no longer fit (the oldest) are dropped; both count
 * in {@code droppedBufferFull}.
 *
 * <p>Thread-safe.
 */
final class Backlog {

  private final UsageAggregator usage;
  private final UniqueCounters uniques;
  private final LinkedBlockingDeque<Object> queue;
  private final StatsCounters stats;

  Backlog(EventCatalog catalog, int uniqueKeyCap, int bufferSize, StatsCounters stats) {
    this.usage = new UsageAggregator(catalog);
    this.uniques = new UniqueCounters(uniqueKeyCap, usage);
    this.queue = new LinkedBlockingDeque<>(bufferSize);
    this.stats = stats;
  }

  /** Records a usage count (combined per the event catalog). Allocation-free. */
  void record(EventType type, long count) {
    usage.record(type, count);
  }

  /** Counts a distinct key for a unique counter. */
  void addUnique(EventType type, String key) {
    uniques.add(type, key);
  }

  /** Queues an error or CLI command; counted as dropped when the queue is full. */
  void offer(Object item) {
    if (!queue.offerLast(item)) {
      stats.droppedBufferFull.increment();
    }
  }

  /** Usage recorded since the last take, in enum order. */
  List<TelemetryData> takeUsage() {
    return usage.drain();
  }

  /** Puts back usage that was not sent, merged with what was recorded since. */
  void restoreUsage(List<TelemetryData> unsent) {
    for (TelemetryData data : unsent) {
      usage.restore(data.eventType(), data.count());
    }
  }

  /** Up to {@code max} queued items, oldest first. */
  List<Object> takeQueued(int max) {
    List<Object> items = new ArrayList<>(Math.min(max, 64));
    queue.drainTo(items, max);
    return items;
  }

  /** Everything queued. */
  List<Object> takeAllQueued() {
    List<Object> items = new ArrayList<>();
    queue.drainTo(items);
    return items;
  }

  /** Puts back items that were not sent, ahead of newer ones; the oldest are dropped if they no longer fit. */
  void restoreQueued(List<Object> unsent) {
    for (int i = unsent.size() - 1; i >= 0; i--) {
      if (!queue.offerFirst(unsent.get(i))) {
        stats.droppedBufferFull.add(i + 1);
        return;
      }
    }
  }

  /** Whether the queue has no room for another item. */
  boolean full() {
    return queue.remainingCapacity() == 0;
  }

  /** Items queued now. */
  int queued() {
    return queue.size();
  }

  /** Starts a new window for the unique counters. */
  void resetUniques() {
    uniques.reset();
  }

  /** Unique keys not remembered because a counter was full. */
  long uniquesOverCap() {
    return uniques.overCap();
  }
}
