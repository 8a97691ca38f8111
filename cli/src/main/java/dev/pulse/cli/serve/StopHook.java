package dev.pulse.cli.serve;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.signals.StopSignals;
import dev.pulse.server.PulseServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a serving command stops, installed before its server starts: on SIGTERM or Ctrl-C it lets a
 * start in progress end (at most {@link #START_WAIT}; the JVM would otherwise halt it halfway, or let
 * it make files after {@code afterStop} removed them), stops the server if one started, then runs
 * {@code afterStop}.
 *
 * <p>SIGTERM and SIGINT are handled here, not left to the JVM: the JVM's own handling runs the
 * shutdown hooks and then exits with 128 + the signal (143), which a service manager reads as a
 * failure, though the stop was the clean one docs/operations.md describes. Handled, the stop runs on
 * the signal's thread while the command waits in {@link #awaitStop()}, and the command then returns
 * 0 as any other. (A shutdown hook cannot change the exit status, and one that halted the JVM with 0
 * could not tell a signal from {@code System.exit(2)} after a failed start, and would cut the other
 * hooks short.) The shutdown hook stays for every other way the JVM may end (SIGHUP, a JVM that keeps
 * these signals to itself under {@code -Xrs}): it stops the server the same way, once.
 */
final class StopHook {

  /** How long a stop waits for a start in progress (opening the store, its migrations) to end. */
  static final Duration START_WAIT = Duration.ofSeconds(30);

  private final PrintWriter out;
  private final Runnable afterStop;
  private final AtomicReference<PulseServer> server = new AtomicReference<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<RuntimeException> closeFailure = new AtomicReference<>();
  private final CountDownLatch settled = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  /** Whether a stop has taken the server to close (none, if the start had not ended within START_WAIT). */
  private boolean taken;

  private StopHook(PrintWriter out, Runnable afterStop) {
    this.out = out;
    this.afterStop = afterStop;
  }

  /** Installs the hook and the signal handlers; the stop prints its last line to {@code out}. */
  static StopHook install(PrintWriter out, Runnable afterStop) {
    StopHook hook = new StopHook(out, afterStop);
    Runtime.getRuntime().addShutdownHook(new Thread(hook::stop, "pulse-shutdown"));
    // With -Xrs the shutdown hook stops the server, and the status is 128 + the signal.
    StopSignals.handle(signal -> hook.stop());
    return hook;
  }

  /** The server started: a stop closes it, or it is closed now if a stop gave up waiting for it. */
  void started(PulseServer running) {
    boolean late;
    synchronized (this) {
      late = taken;
      server.set(running);
    }
    settled.countDown();
    if (late) {
      running.close();
    }
  }

  /** The server did not start: a stop has nothing to close. */
  void failed() {
    settled.countDown();
  }

  /**
   * Waits until a stop has closed the server.
   *
   * @throws CliFailure when closing it failed (exit 1, not a clean stop)
   */
  void awaitStop() throws InterruptedException {
    stopped.await();
    RuntimeException failure = closeFailure.get();
    if (failure != null) {
      throw CliFailure.failure("stopping failed: " + CliFailure.firstLine(failure) + "; see the log above, and check"
          + " the store before starting again", failure);
    }
  }

  /** Stops once; a second call (a second signal, the shutdown hook after it) waits for the first. */
  private void stop() {
    if (!stopping.compareAndSet(false, true)) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      settled.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    PulseServer running;
    synchronized (this) {
      taken = true;
      running = server.get();
    }
    try {
      if (running != null) {
        running.close();
        out.println("Pulse stopped: requests in flight finished, store closed.");
        out.flush();
      }
      afterStop.run();
    } catch (RuntimeException e) {
      closeFailure.set(e);
      throw e;
    } finally {
      stopped.countDown();
    }
  }
}
