package dev.pulse.client.send;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the worker has taken to send and not yet settled (delivered, kept or dropped): the items
 * waiting for their request, and the request in flight. Each item is a {@code TelemetryData}, a
 * {@code ReportedError}, a {@code CliCommand}, or a request body ({@code String}) an earlier run
 * kept. When {@code close()} runs out of time, the closing thread takes all of it over ({@link
 * #abandon}); from then on the worker takes, starts and settles nothing, so every item is accounted
 * for exactly once, and what is kept stays in order.
 *
 * <p>Thread-safe: the worker's moves and the takeover hold one lock, settlements included (so a
 * request the worker is keeping is in the store before what the closing thread keeps).
 */
final class Handover {

  /** A request being sent: its body and the items it carries. */
  record Request(String body, List<Object> items) {
    Request {
      items = List.copyOf(items);
    }

    /** How many items it carries. */
    int count() {
      return items.size();
    }
  }

  /** What the closing thread takes over: the request in flight (or null), then the items waiting. */
  record Leftovers(Request inFlight, List<Object> waiting) {}

  private final List<Object> waiting = new ArrayList<>();
  private Request inFlight;
  private boolean abandoned;

  /** Takes items from {@code source} to send, holding them here; none once abandoned. */
  synchronized List<Object> take(Supplier<? extends List<?>> source) {
    if (abandoned) {
      return List.of();
    }
    List<Object> items = List.copyOf(source.get());
    waiting.addAll(items);
    return items;
  }

  /** Starts sending {@code items} (taken before) as {@code body}; null once abandoned. */
  synchronized Request start(String body, List<Object> items) {
    if (abandoned) {
      return null;
    }
    for (Object item : items) {
      for (int i = 0; i < waiting.size(); i++) {
        if (waiting.get(i) == item) {
          waiting.remove(i);
          break;
        }
      }
    }
    inFlight = new Request(body, items);
    return inFlight;
  }

  /** Runs {@code update} if the request in flight is still the worker's (not taken over). */
  synchronized void whileOwned(Request mine, Runnable update) {
    if (inFlight == mine) {
      update.run();
    }
  }

  /**
   * Settles the request in flight with {@code settlement}, unless the closing thread took it over
   * (then returns false: it accounted for it).
   */
  synchronized boolean settle(Request mine, Runnable settlement) {
    if (inFlight != mine) {
      return false;
    }
    inFlight = null;
    settlement.run();
    return true;
  }

  /**
   * When the server pauses sending: hands the request in flight and every item waiting to {@code
   * putBack}, to be sent later; false when the closing thread took them over.
   */
  synchronized boolean release(Request mine, Consumer<List<Object>> putBack) {
    if (inFlight != mine) {
      return false;
    }
    inFlight = null;
    List<Object> unsent = new ArrayList<>(mine.items());
    unsent.addAll(waiting);
    waiting.clear();
    putBack.accept(unsent);
    return true;
  }

  /** Out of time: everything still here, for the closing thread to keep or drop. */
  synchronized Leftovers abandon() {
    abandoned = true;
    Leftovers left = new Leftovers(inFlight, List.copyOf(waiting));
    inFlight = null;
    waiting.clear();
    return left;
  }
}
