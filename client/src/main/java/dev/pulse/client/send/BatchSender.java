package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.errors.SdkThreads;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.CliTelemetry;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.TelemetryData;

/**
 * The sending engine behind {@code PulseTelemetry}: host threads record into fixed-size combiners
 * (usage) or a bounded queue (errors, CLI commands) and return at once; one daemon thread ({@code
 * pulse-telemetry-sender}) resolves the identity, then every {@code telemetry-interval-seconds} sends
 * up to {@code telemetry-max-batch-size} items per request, retrying as {@link RetryPolicy} says.
 * {@link #close} flushes within a deadline and never waits past it.
 *
 * <p>Thread-safe. Internal to the SDK; hosts use {@code dev.pulse.client.PulseTelemetry}.
 */
public final class BatchSender {

  private static final System.Logger LOG = System.getLogger("dev.pulse.client.send");

  private final SenderOptions options;
  private final TelemetrySettings settings;
  private final boolean cliMode;
  private final StatsCounters stats = new StatsCounters();
  private final UsageAggregator usage;
  private final UniqueCounters uniques;
  private final ArrayBlockingQueue<Object> queue;
  private final Delivery delivery;
  private final WakeSignal signal = new WakeSignal();
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread worker;
  private final DropSummary dropSummary = new DropSummary();
  private volatile Component component;
  private volatile CliIdentifier cliIdentifier;

  private BatchSender(SenderOptions options) {
    this.options = options;
    this.settings = options.settings();
    this.cliMode = options.componentType() == ComponentType.CLI;
    this.usage = new UsageAggregator(options.catalog());
    this.uniques = new UniqueCounters(options.uniqueKeyCap(), usage);
    this.queue = new ArrayBlockingQueue<>(options.bufferSize());
    HttpTransport transport = new HttpTransport(settings.endpoint(), settings.clientTimeout(),
        "pulse-client/" + options.componentType() + "/" + options.version());
    this.delivery = new Delivery(transport, options.retry(), stats, options.unsentStore(),
        settings.debug(), signal);
    this.worker = new Thread(this::run, SdkThreads.PREFIX + "-sender");
    worker.setDaemon(true);
  }

  /** Creates the sender and starts its one daemon thread. */
  public static BatchSender start(SenderOptions options) {
    BatchSender sender = new BatchSender(options);
    sender.worker.start();
    return sender;
  }

  // ---- host side: never blocks, never throws ----

  /** Records a usage count (combined per the event catalog). */
  public void send(EventType type, long count) {
    if (type == null || count < 0 || closed.get() || !settings.usageActive()) {
      stats.disabled();
      return;
    }
    usage.record(type, count);
  }

  /** Counts a distinct key for a unique counter. */
  public void incrementUnique(EventType type, String key) {
    if (type == null || key == null || closed.get() || !settings.usageActive()) {
      stats.disabled();
      return;
    }
    uniques.add(type, key);
  }

  /** Buffers an error report. */
  public void reportError(ReportedError error) {
    if (error == null || closed.get() || !settings.errorsActive()) {
      stats.disabled();
      return;
    }
    offer(error);
  }

  /** Buffers a CLI command. */
  public void reportCommand(CliCommand command) {
    if (command == null || closed.get() || !settings.usageActive()) {
      stats.disabled();
      return;
    }
    offer(command);
  }

  /** Asks the worker to send now instead of at the next interval; returns at once. */
  public void flush() {
    signal.requestFlush();
  }

  /** Counters so far. */
  public TelemetryStats stats() {
    return stats.snapshot(uniques.overCap());
  }

  /** The component identity once resolved by the worker, else null. */
  public Component component() {
    return component;
  }

  /**
   * Sends what is buffered, waiting at most {@code deadline}; then returns whatever happened. In CLI
   * mode what is left is kept in the unsent store. Idempotent.
   *
   * @return true when everything was handled (sent, dropped or kept) within the deadline
   */
  public boolean close(Duration deadline) {
    if (!closed.compareAndSet(false, true)) {
      return done.getCount() == 0;
    }
    signal.requestClose(System.nanoTime() + deadline.toNanos());
    boolean finished;
    try {
      finished = done.await(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (!finished) {
      abandonLeftovers();
    }
    return finished;
  }

  private void offer(Object item) {
    if (!queue.offer(item)) {
      stats.droppedBufferFull.increment();
    }
  }

  // ---- worker side ----

  private void run() {
    try {
      resolveIdentity();
      replayUnsent();
      if (!cliMode && settings.usageActive()) {
        usage.record(EventType.STARTED, 1);
        usage.record(EventType.ACTIVE, 0);
      }
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Never reported as an error (no feedback loop), never rethrown into the host.
      LOG.log(Level.WARNING, "Pulse telemetry stopped sending after an internal failure: " + e);
    } finally {
      done.countDown();
    }
  }

  private void resolveIdentity() {
    String contextId = options.contextId().get();
    component = new Component(options.componentType(), options.componentInstanceId(), contextId,
        options.version(), settings.clientId());
    cliIdentifier = new CliIdentifier(options.version(), contextId, settings.clientId());
  }

  private void loop() throws InterruptedException {
    long now = System.nanoTime();
    long nextActive = now + settings.activeInterval().toNanos();
    long nextReset = now + settings.resetInterval().toNanos();
    while (true) {
      boolean closing = signal.awaitTick(settings.interval().toNanos());
      now = System.nanoTime();
      if (now - nextReset >= 0) {
        uniques.reset();
        nextReset = now + settings.resetInterval().toNanos();
      }
      if (!cliMode && settings.usageActive() && now - nextActive >= 0) {
        usage.record(EventType.ACTIVE, 0);
        nextActive = now + settings.activeInterval().toNanos();
      }
      try {
        sendBatches(closing);
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "telemetry batch failed inside the SDK", e);
      }
      dropSummary.logIfChanged(stats.snapshot(uniques.overCap()));
      if (closing) {
        return;
      }
    }
  }

  private void sendBatches(boolean closing) throws InterruptedException {
    int max = settings.maxBatchSize();
    List<TelemetryData> data = usage.drain();
    for (int from = 0; from < data.size(); from += max) {
      List<TelemetryData> batch = data.subList(from, Math.min(data.size(), from + max));
      delivery.deliver("SendTelemetries", PayloadWriter.sendTelemetries(component, batch), batch.size());
    }
    do {
      List<Object> items = new ArrayList<>();
      queue.drainTo(items, max);
      if (items.isEmpty()) {
        return;
      }
      sendQueued(items);
    } while (closing && !signal.pastCloseDeadline());
  }

  private void sendQueued(List<Object> items) throws InterruptedException {
    List<ReportedError> errors = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof ReportedError e) {
        errors.add(e);
      } else if (item instanceof CliCommand c) {
        delivery.deliver("SendCLITelemetry",
            PayloadWriter.sendCliTelemetry(new CliTelemetry(cliIdentifier, c)), 1);
      }
    }
    if (!errors.isEmpty()) {
      delivery.deliver("ReportErrors", PayloadWriter.reportErrors(component, errors), errors.size());
    }
  }

  private void replayUnsent() throws InterruptedException {
    if (options.unsentStore() == null) {
      return;
    }
    for (String body : options.unsentStore().takeAll()) {
      delivery.deliver("spooled request", body, 1);
    }
  }

  /** Called by the closing thread when the worker ran out of time: keep (CLI) or count the rest. */
  private void abandonLeftovers() {
    List<String> bodies = new ArrayList<>();
    int items = 0;
    Delivery.InFlight inFlight = delivery.takeInFlight();
    if (inFlight != null) {
      bodies.add(inFlight.body());
      items += inFlight.items();
    }
    List<Object> queued = new ArrayList<>();
    queue.drainTo(queued);
    items += queued.size();
    if (cliIdentifier != null) {
      for (Object item : queued) {
        if (item instanceof CliCommand c) {
          bodies.add(PayloadWriter.sendCliTelemetry(new CliTelemetry(cliIdentifier, c)));
        }
      }
    }
    int kept = options.unsentStore() == null ? 0 : options.unsentStore().keep(bodies);
    stats.spooled.add(Math.min(kept, items));
    stats.droppedFailed.add(Math.max(0, items - kept));
  }
}
