package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps requests that could not be delivered in the {@link UnsentStore} (a CLI's spool) and keeps the
 * counts true: what the store holds counts in {@code spooled}; what it refuses or pushes out past its
 * bound counts in {@code droppedFailed}, also when it was this run's and counted as spooled before
 * (it then leaves {@code spooled}), and as one item a request when it was another run's. Without a
 * store, every item counts in {@code droppedFailed}.
 *
 * <p>Thread-safe.
 */
final class UnsentLedger {

  private static final System.Logger LOG = System.getLogger("dev.pulse.client.send");

  /** How many of this run's distinct bodies are remembered (the spool holds 100). */
  private static final int REMEMBERED = 1024;

  private final UnsentStore store;
  private final StatsCounters stats;
  /** This run's bodies in the store, with how many copies and how many items each carries. */
  private final Map<String, int[]> ours = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** A ledger over {@code store}, or over nothing (null): then everything counts as dropped. */
  UnsentLedger(UnsentStore store, StatsCounters stats) {
    this.store = store;
    this.stats = stats;
  }

  /** Whether there is a store to keep requests in. */
  boolean storing() {
    return store != null;
  }

  /** Items dropped as failed so far, in all. */
  long dropped() {
    return stats.droppedFailed.sum();
  }

  /** Counts {@code items} that make no request as dropped. */
  void drop(int items) {
    stats.droppedFailed.add(items);
  }

  /**
   * Counts {@code requests} an earlier run kept, of a kind this run has turned off, as dropped with
   * telemetry off: one item a request, as another run's request counts.
   */
  void turnedOff(int requests) {
    if (requests > 0) {
      stats.droppedDisabled.add(requests);
      LOG.log(Level.DEBUG, "Pulse telemetry: " + requests + " request(s) an earlier run kept are of a kind turned"
          + " off now: removed unsent");
    }
  }

  /** Keeps these requests, oldest first; returns how many of them the store kept. */
  synchronized int keep(List<Handover.Request> requests) {
    if (requests.isEmpty()) {
      return 0;
    }
    if (store == null) {
      requests.forEach(r -> stats.droppedFailed.add(r.count()));
      return 0;
    }
    Map<String, ArrayDeque<Handover.Request>> given = new HashMap<>();
    List<String> bodies = new ArrayList<>(requests.size());
    for (Handover.Request r : requests) {
      given.computeIfAbsent(r.body(), b -> new ArrayDeque<>()).add(r);
      bodies.add(r.body());
    }
    int kept = requests.size();
    for (String body : store.keep(bodies)) {
      int[] mine = ours.get(body);
      ArrayDeque<Handover.Request> now = given.get(body);
      if (mine != null) {
        // The same body kept earlier or now carries the same items: which copy went is all one.
        stats.spooled.add(-mine[1]);
        stats.droppedFailed.add(mine[1]);
        if (--mine[0] == 0) {
          ours.remove(body);
        }
      } else if (now != null && !now.isEmpty()) {
        stats.droppedFailed.add(now.poll().count());
        kept--;
      } else {
        stats.droppedFailed.increment(); // another run's request
      }
    }
    for (ArrayDeque<Handover.Request> left : given.values()) {
      for (Handover.Request r : left) {
        stats.spooled.add(r.count());
        ours.computeIfAbsent(r.body(), b -> new int[] {0, r.count()})[0]++;
      }
    }
    return kept;
  }
}
