package dev.pulse.cli;

import dev.pulse.server.PulseServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shutdown hook of a serving command, installed before its server starts: on SIGTERM or Ctrl-C
 * it lets a start in progress end (at most {@link #START_WAIT}; the JVM would otherwise halt it
 * halfway, or let it make files after {@code afterStop} removed them), stops the server if one
 * started, then runs {@code afterStop}.
 */
final class StopHook {

  /** How long a stop waits for a start in progress (opening the store, its migrations) to end. */
  static final Duration START_WAIT = Duration.ofSeconds(30);

  private final AtomicReference<PulseServer> server = new AtomicReference<>();
  private final CountDownLatch settled = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private StopHook() {}

  /** Installs the hook; it prints its last line to {@code out}. */
  static StopHook install(PrintWriter out, Runnable afterStop) {
    StopHook hook = new StopHook();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> hook.stop(out, afterStop), "pulse-shutdown"));
    return hook;
  }

  /** The server started: a stop closes it. */
  void started(PulseServer running) {
    server.set(running);
    settled.countDown();
  }

  /** The server did not start: a stop has nothing to close. */
  void failed() {
    settled.countDown();
  }

  /** Waits until a stop has closed the server. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void stop(PrintWriter out, Runnable afterStop) {
    try {
      settled.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    PulseServer running = server.get();
    if (running != null) {
      running.close();
      out.println("Pulse stopped: requests in flight finished, store closed.");
      out.flush();
    }
    afterStop.run();
    stopped.countDown();
  }
}
