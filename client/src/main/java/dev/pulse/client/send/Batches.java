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
 * errors together (split while over the server's body bound), each CLI command alone. What is taken
 * to send is held in the {@link Handover} until
 * settled, so that the closing thread can take it over. When the server pauses sending, what was not
 * sent goes back into the backlog (or the unsent store, for replayed bodies). Past the close deadline
 * nothing more is started: what is left (in flight, taken, or still in the backlog) is kept (CLI) or
 * counted as dropped by {@link #abandonLeftovers}, on the closing thread or the worker.
 */
final class Batches {

  private final Backlog backlog;
  private final Delivery delivery;
  private final Handover handover;
  private final int maxBatchSize;
  private final UnsentStore unsentStore;
  private final UnsentLedger unsent;
  private final WakeSignal signal;
  private volatile Component component;
  private volatile CliIdentifier cliIdentifier;

  Batches(Backlog backlog, Delivery delivery, Handover handover, int maxBatchSize, UnsentStore unsentStore,
      UnsentLedger unsent, WakeSignal signal) {
    this.backlog = backlog;
    this.delivery = delivery;
    this.handover = handover;
    this.maxBatchSize = maxBatchSize;
    this.unsentStore = unsentStore;
    this.unsent = unsent;
    this.signal = signal;
  }

  /** Resolves the identity every request carries; each id cut to the server's bound, so that none is refused. */
  void identify(SenderOptions options) {
    int max = ServerLimits.MAX_IDENTIFIER_LENGTH;
    String contextId = ServerLimits.cut(options.contextId().get(), max);
    String version = ServerLimits.cut(options.version(), max);
    String clientId = ServerLimits.cut(options.settings().clientId(), max);
    this.component = new Component(options.componentType(), options.componentInstanceId(), contextId, version,
        clientId);
    this.cliIdentifier = new CliIdentifier(version, contextId, clientId);
  }

  /** The component identity, or null before it is resolved. */
  Component component() {
    return component;
  }

  /**
   * Sends the usage and one batch of queued items; when {@code closing}, every queued item until the
   * close deadline. Stops early when the server pauses sending or the close deadline has passed.
   */
  void sendAll(boolean closing) throws InterruptedException {
    if (!sendUsage()) {
      return;
    }
    do {
      List<Object> items = handover.take(() -> backlog.takeQueued(maxBatchSize));
      if (items.isEmpty() || !sendQueued(items)) {
        return;
      }
    } while (closing && !signal.pastCloseDeadline());
  }

  /** False when sending stops (what was not sent is back in the backlog, or left for close). */
  private boolean sendUsage() throws InterruptedException {
    List<Object> data = handover.take(backlog::takeUsage);
    for (int from = 0; from < data.size(); from += maxBatchSize) {
      List<Object> batch = data.subList(from, Math.min(data.size(), from + maxBatchSize));
      String body = PayloadWriter.sendTelemetries(component, batch.stream().map(TelemetryData.class::cast).toList());
      if (!send("SendTelemetries", body, batch)) {
        return false;
      }
    }
    return true;
  }

  /** False when sending stops (what was not sent is back in the backlog, or left for close). */
  private boolean sendQueued(List<Object> items) throws InterruptedException {
    List<Object> errors = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof CliCommand c) {
        String body = PayloadWriter.sendCliTelemetry(new CliTelemetry(cliIdentifier, c));
        if (!send("SendCLITelemetry", body, List.of(c))) {
          return false;
        }
      } else {
        errors.add(item);
      }
    }
    if (errors.isEmpty()) {
      return true;
    }
    return sendErrors(errors);
  }

  /**
   * Sends errors in one request, or in halves while the body is over the server's bound ({@link
   * ServerLimits#MAX_BODY_BYTES}), which one error, cut as {@code ErrorMapper} cuts it, never is.
   */
  private boolean sendErrors(List<Object> errors) throws InterruptedException {
    String body = PayloadWriter.reportErrors(component, errors.stream().map(ReportedError.class::cast).toList());
    if (errors.size() > 1 && utf8Length(body) > ServerLimits.MAX_BODY_BYTES) {
      int half = errors.size() / 2;
      return sendErrors(errors.subList(0, half)) && sendErrors(errors.subList(half, errors.size()));
    }
    return send("ReportErrors", body, errors);
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  /**
   * Sends what an earlier run kept; what a server pause stops is kept again. A request of a kind this
   * run has turned off ({@code usage}: usage and CLI commands; {@code errors}: error reports) is neither
   * sent nor kept again: the user said no, so it leaves the spool unsent.
   */
  void replayUnsent(boolean usage, boolean errors) throws InterruptedException {
    if (unsentStore == null) {
      return;
    }
    for (Object body : handover.take(() -> turnedOn(unsentStore.takeAll(), usage, errors))) {
      if (!send("spooled request", (String) body, List.of(body))) {
        return;
      }
    }
  }

  /** Of {@code bodies}, those of a kind turned on; the others are counted as telemetry off. */
  private List<String> turnedOn(List<String> bodies, boolean usage, boolean errors) {
    List<String> on = new ArrayList<>(bodies.size());
    for (String body : bodies) {
      if (PayloadWriter.carriesErrors(body) ? errors : usage) {
        on.add(body);
      }
    }
    unsent.turnedOff(bodies.size() - on.size());
    return on;
  }

  /**
   * Sends one request carrying {@code items}; false when sending must stop: the server paused it
   * (everything taken goes back), the close deadline has passed, the closing thread took over, or a
   * closing CLI's one attempt failed (then what is left is kept at once).
   */
  private boolean send(String operation, String body, List<Object> items) throws InterruptedException {
    Handover.Request mine = signal.pastCloseDeadline() ? null : handover.start(body, items);
    if (mine == null) {
      return false;
    }
    Delivery.Result result = delivery.deliver(operation, mine);
    if (result == Delivery.Result.PAUSED) {
      handover.release(mine, this::putBack);
      return false;
    }
    if (result == Delivery.Result.STOPPED) {
      abandonLeftovers(); // the server is unreachable now: keep the rest without trying it
      return false;
    }
    return true;
  }

  /** What a server pause stopped, back where it waits: usage, errors and commands, kept bodies. */
  private void putBack(List<Object> items) {
    List<Object> queued = new ArrayList<>();
    List<Handover.Request> bodies = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof TelemetryData data) {
        backlog.restoreUsage(List.of(data));
      } else if (item instanceof String body) {
        bodies.add(new Handover.Request(body, List.of(body)));
      } else {
        queued.add(item);
      }
    }
    backlog.restoreQueued(queued);
    unsent.keep(bodies);
  }

  /**
   * Out of time, or the server's pause outlasts the close: keep (CLI) or count what is left. Once
   * called, the worker starts nothing more.
   *
   * @return whether anything was left
   */
  boolean abandonLeftovers() {
    Handover.Leftovers left = handover.abandon();
    List<Object> items = new ArrayList<>(left.waiting());
    items.addAll(backlog.takeUsage());
    items.addAll(backlog.takeAllQueued());
    int count = items.size() + (left.inFlight() == null ? 0 : left.inFlight().count());
    if (count == 0) {
      return false;
    }
    List<Handover.Request> requests = new ArrayList<>();
    if (left.inFlight() != null) {
      requests.add(left.inFlight());
    }
    if (unsent.storing()) {
      requests.addAll(LeftoverRequests.of(items, component, cliIdentifier, maxBatchSize));
    }
    int inRequests = requests.stream().mapToInt(Handover.Request::count).sum();
    long droppedBefore = unsent.dropped();
    boolean keptAny = unsent.keep(requests) > 0;
    unsent.drop(count - inRequests);
    delivery.abandoned(left.inFlight() != null, keptAny, unsent.dropped() - droppedBefore);
    return true;
  }
}
