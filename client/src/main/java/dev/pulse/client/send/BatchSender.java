package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.threads.SdkThreads;
import dev.pulse.schema.CliCommand;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.ReportedError;

/**
 * The sending engine behind {@code PulseTelemetry}: host threads record into fixed-size combiners
 * (usage) or a bounded queue (errors, CLI commands) and return at once; one daemon thread ({@code
 * pulse-telemetry-sender}) resolves the identity, then every {@code telemetry-interval-seconds} sends
 * up to {@code telemetry-max-batch-size} items per request, retrying as {@link RetryPolicy} says. A
 * server's {@code Retry-After} pauses all sending ({@link ServerPause}); what was not sent waits in the
 * {@link Backlog}. {@link #close} flushes within a deadline and never waits past it, then stops every
 * thread the SDK started.
 *
 * <p>Thread-safe. Internal to the SDK; hosts use {@code dev.pulse.client.PulseTelemetry}.
 */
public final class BatchSender {

  private static final System.Logger LOG = System.getLogger("dev.pulse.client.send");
  /** How long {@link #close} waits, past its deadline, for the SDK's threads to end once stopped. */
  static final Duration THREAD_STOP = Duration.ofSeconds(1);

  private final SenderOptions options;
  private final TelemetrySettings settings;
  private final boolean cliMode;
  private final StatsCounters stats = new StatsCounters();
  private final Backlog backlog;
  private final HttpTransport transport;
  private final Delivery delivery;
  private final WakeSignal signal;
  private final ServerPause pause;
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread worker;
  private final Batches batches;
  private final DropSummary dropSummary;

  private BatchSender(SenderOptions options) {
    this.options = options;
    this.settings = options.settings();
    this.cliMode = options.componentType() == ComponentType.CLI;
    this.signal = new WakeSignal(cliMode);
    this.backlog = new Backlog(options.catalog(), options.uniqueKeyCap(), options.bufferSize(), stats);
    this.transport = new HttpTransport(settings.endpoint(), settings.clientTimeout(),
        HttpTransport.userAgent(options.componentType(), options.version()), options.proxy());
    this.pause = new ServerPause(options.quietMemory());
    Handover handover = new Handover();
    UnsentLedger unsent = new UnsentLedger(options.unsentStore(), stats);
    this.delivery = new Delivery(transport, options.retry(), stats, unsent, settings.debug(), signal, pause,
        handover, cliMode, options.onceADay());
    this.batches = new Batches(backlog, delivery, handover, settings.maxBatchSize(), options.unsentStore(),
        unsent, signal);
    this.dropSummary = DropSummary.of(options);
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
    backlog.record(type, count);
  }

  /** Counts a distinct key for a unique counter. */
  public void incrementUnique(EventType type, String key) {
    if (type == null || key == null || closed.get() || !settings.usageActive()) {
      stats.disabled();
      return;
    }
    backlog.addUnique(type, key);
  }

  /** Buffers an error report. */
  public void reportError(ReportedError error) {
    if (error == null || closed.get() || !settings.errorsActive()) {
      stats.disabled();
      return;
    }
    backlog.offer(error);
  }

  /** Whether an error report would be taken now; if not, its drop is counted, so it need not be mapped. */
  public boolean takesError() {
    if (closed.get() || !settings.errorsActive()) {
      stats.disabled();
    } else if (backlog.full()) {
      stats.droppedBufferFull.increment();
    } else {
      return true;
    }
    return false;
  }

  /** Counts an error report that could not be made at all (no stack left even for its class name). */
  public void unreportable() {
    stats.droppedFailed.increment();
  }

  /** Buffers a CLI command. */
  public void reportCommand(CliCommand command) {
    if (command == null || closed.get() || !settings.usageActive()) {
      stats.disabled();
      return;
    }
    backlog.offer(command);
  }

  /** Asks the worker to send now instead of at the next interval; returns at once. */
  public void flush() {
    signal.requestFlush();
  }

  /** Counters so far. */
  public TelemetryStats stats() {
    return stats.snapshot(backlog.uniquesOverCap());
  }

  /** The component identity once resolved by the worker, else null. */
  public Component component() {
    return batches.component();
  }

  /**
   * Sends what is buffered, waiting at most {@code deadline}; then returns whatever happened. In CLI
   * mode what is left is kept in the unsent store. Then stops the SDK's threads (the worker and the
   * HTTP client's), aborting a request still in flight, and waits up to {@link #THREAD_STOP} for them
   * to end. Idempotent. A deadline too long to count in nanoseconds (ChronoUnit.FOREVER) is no
   * deadline; a negative one is none left. An interrupt of the calling thread, before or during, does
   * not cut the close short (a host's shutdown path often runs on an interrupted thread, and the
   * deadline is the host's own bound): it is handed back, the thread interrupted again when this returns.
   *
   * @return true when everything was handled (sent, dropped or kept) within the deadline
   */
  public boolean close(Duration deadline) {
    if (!closed.compareAndSet(false, true)) {
      return done.getCount() == 0;
    }
    boolean interrupted = Thread.interrupted(); // cleared while closing, so that no wait ends at once
    try {
      long nanos = WakeSignal.saturatedNanos(deadline);
      long start = System.nanoTime();
      // Past ~146 years a deadline is none: System.nanoTime() plus it could overflow.
      signal.requestClose(nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : start + nanos);
      boolean finished;
      while (true) {
        try {
          finished = done.await(nanos - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the deadline still bounds the wait
        }
      }
      // Also when the worker ended in time: it starts nothing past the deadline, leaving the rest here.
      boolean left = batches.abandonLeftovers();
      stopThreads();
      dropSummary.logAtClose(stats.snapshot(backlog.uniquesOverCap()));
      return finished && !left;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void stopThreads() {
    long end = System.nanoTime() + THREAD_STOP.toNanos();
    // Stopping the HTTP client aborts a request the deadline cut short; then the worker ends by itself.
    boolean stopped = transport.close(THREAD_STOP);
    try {
      worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) / 2));
      if (worker.isAlive()) {
        worker.interrupt(); // still in a wait: end it
        worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!stopped || worker.isAlive()) {
      LOG.log(Level.DEBUG, "Pulse telemetry: a thread of the SDK had not ended " + THREAD_STOP.toMillis()
          + " ms after close");
    }
  }

  // ---- worker side ----

  private void run() {
    try {
      batches.identify(options); // may talk to the Kubernetes API: on this thread, never the host's
      if (!pause.resumeRemembered(settings.debug() || options.tryWhileQuiet(), settings.debug())) {
        batches.replayUnsent(settings.usageActive(), settings.errorsActive());
      } else { // what earlier runs kept stays kept; what this run drops (a full spool) is dropped for this
        stats.lastFailure = "not sent: earlier runs leave " + settings.endpoint().getAuthority() + " alone for "
            + QuietMemory.inWords(Duration.ofNanos(pause.remainingNanos())) + " more (no answer, or a"
            + " Retry-After); telemetry-debug=true tries it anyway";
      }
      if (!cliMode && settings.usageActive()) {
        backlog.record(EventType.STARTED, 1);
        backlog.record(EventType.ACTIVE, 0);
      }
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Never reported as an error (no feedback loop), never rethrown into the host.
      String reason = SendFailures.withoutClassName(e.getMessage());
      LOG.log(Level.WARNING, "Pulse telemetry stopped sending after an internal failure"
          + (reason.isEmpty() ? "" : ": " + reason));
    } catch (LinkageError e) {
      // A class missing from the host's runtime or class path: one line, not a stack trace on stderr.
      LOG.log(Level.WARNING, "Pulse telemetry stopped sending: this Java runtime lacks a class it needs ("
          + e.getMessage() + ")");
    } finally {
      done.countDown();
    }
  }

  private void loop() throws InterruptedException {
    long now = System.nanoTime();
    long nextActive = now + settings.activeInterval().toNanos();
    long nextReset = now + settings.resetInterval().toNanos();
    while (true) {
      long paused = pause.remainingNanos();
      long interval = settings.interval().toNanos();
      boolean closing = signal.awaitTick(paused > 0 ? Math.min(paused, interval) : interval);
      now = System.nanoTime();
      if (now - nextReset >= 0) {
        backlog.resetUniques();
        nextReset = now + settings.resetInterval().toNanos();
      }
      if (!cliMode && settings.usageActive() && now - nextActive >= 0) {
        backlog.record(EventType.ACTIVE, 0);
        nextActive = now + settings.activeInterval().toNanos();
      }
      try {
        if (!pause.active()) {
          batches.sendAll(closing);
        } else if (settings.debug()) {
          LOG.log(Level.INFO, "telemetry debug: sending paused by the server for another "
              + TimeUnit.NANOSECONDS.toSeconds(pause.remainingNanos()) + " s; " + backlog.queued()
              + " errors/commands waiting");
        }
        if (closing) {
          finishWhilePaused();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "telemetry batch failed inside the SDK", e);
      }
      dropSummary.logIfChanged(stats.snapshot(backlog.uniquesOverCap()));
      if (closing) {
        return;
      }
    }
  }

  /**
   * Closing while the server asked for quiet: send after the pause if it ends in time, else keep. A CLI
   * keeps at once: what it keeps goes out with its next run, so waiting would gain nothing.
   */
  private void finishWhilePaused() throws InterruptedException {
    if (cliMode && pause.active()) {
      batches.abandonLeftovers();
      return;
    }
    while (pause.active()) {
      if (!signal.await(pause.remainingNanos())) {
        batches.abandonLeftovers();
        return;
      }
      batches.sendAll(true);
    }
  }
}
