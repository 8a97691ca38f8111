package dev.pulse.client.send;

import java.util.ArrayList;
import java.util.List;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryData;

/**
 * Turns what waits in the {@link Backlog} into requests: usage in batches of {@code maxBatchSize},
 * errors together, each CLI command alone. When the server pauses sending, what was not sent goes back
 * into the backlog (or the unsent store, for replayed bodies). At the end, what is left is kept (CLI)
 * or counted as dropped. Used by the worker; {@link #abandonLeftovers} also by the closing thread.
 */
final class Batches {

  private final Backlog backlog;
  private final Delivery delivery;
  private final int maxBatchSize;
  private final UnsentStore unsentStore;
  private final StatsCounters stats;
  private final WakeSignal signal;
  private volatile Component component;
  private volatile CliIdentifier cliIdentifier;

  Batches(Backlog backlog, Delivery delivery, int maxBatchSize, UnsentStore unsentStore,
      StatsCounters stats, WakeSignal signal) {
    this.backlog = backlog;
    this.delivery = delivery;
    this.maxBatchSize = maxBatchSize;
    this.unsentStore = unsentStore;
    this.stats = stats;
    this.signal = signal;
  }

  /** The identity every request carries, once resolved. */
  void identify(Component component, CliIdentifier cliIdentifier) {
    this.component = component;
    this.cliIdentifier = cliIdentifier;
  }

  /** The component identity, or null before it is resolved. */
  Component component() {
    return component;
  }

  /**
   * Sends the usage and one batch of queued items; when {@code closing}, every queued item until the
   * close deadline. Stops early when the server pauses sending.
   */
  void sendAll(boolean closing) throws InterruptedException {
    if (!sendUsage()) {
      return;
    }
    do {
      List<Object> items = backlog.takeQueued(maxBatchSize);
      if (items.isEmpty() || !sendQueued(items)) {
        return;
      }
    } while (closing && !signal.pastCloseDeadline());
  }

  /** False when the server paused sending (what was not sent is back in the backlog). */
  private boolean sendUsage() throws InterruptedException {
    int max = maxBatchSize;
    List<TelemetryData> data = backlog.takeUsage();
    for (int from = 0; from < data.size(); from += max) {
      List<TelemetryData> batch = data.subList(from, Math.min(data.size(), from + max));
      String body = PayloadWriter.sendTelemetries(component, batch);
      if (delivery.deliver("SendTelemetries", body, batch.size()) == Delivery.Result.PAUSED) {
        backlog.restoreUsage(data.subList(from, data.size()));
        return false;
      }
    }
    return true;
  }

  /** False when the server paused sending (what was not sent is back in the backlog). */
  private boolean sendQueued(List<Object> items) throws InterruptedException {
    List<Object> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof CliCommand c) {
        String body = PayloadWriter.sendCliTelemetry(new CliTelemetry(cliIdentifier, c));
        if (delivery.deliver("SendCLITelemetry", body, 1) == Delivery.Result.PAUSED) {
          errors.addAll(items.subList(i, items.size()));
          backlog.restoreQueued(errors);
          return false;
        }
      } else {
        errors.add(items.get(i));
      }
    }
    if (errors.isEmpty()) {
      return true;
    }
    List<ReportedError> reports = errors.stream().map(ReportedError.class::cast).toList();
    if (delivery.deliver("ReportErrors", PayloadWriter.reportErrors(component, reports), reports.size())
        == Delivery.Result.PAUSED) {
      backlog.restoreQueued(errors);
      return false;
    }
    return true;
  }

  /** Sends what an earlier run kept; what a server pause stops is kept again. */
  void replayUnsent() throws InterruptedException {
    if (unsentStore == null) {
      return;
    }
    List<String> bodies = unsentStore.takeAll();
    for (int i = 0; i < bodies.size(); i++) {
      if (delivery.deliver("spooled request", bodies.get(i), 1) == Delivery.Result.PAUSED) {
        unsentStore.keep(bodies.subList(i, bodies.size()));
        return;
      }
    }
  }

  /** Out of time, or the server's pause outlasts the close: keep (CLI) or count what is left. */
  void abandonLeftovers() {
    List<String> bodies = new ArrayList<>();
    int items = 0;
    Delivery.InFlight inFlight = delivery.takeInFlight();
    if (inFlight != null) {
      bodies.add(inFlight.body());
      items += inFlight.items();
    }
    List<Object> queued = backlog.takeAllQueued();
    items += queued.size();
    if (cliIdentifier != null) {
      for (Object item : queued) {
        if (item instanceof CliCommand c) {
          bodies.add(PayloadWriter.sendCliTelemetry(new CliTelemetry(cliIdentifier, c)));
        }
      }
    }
    int kept = unsentStore == null ? 0 : unsentStore.keep(bodies);
    stats.spooled.add(Math.min(kept, items));
    stats.droppedFailed.add(Math.max(0, items - kept));
  }
}
