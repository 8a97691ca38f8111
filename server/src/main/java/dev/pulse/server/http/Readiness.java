package dev.pulse.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /readyz} answers: the result of the last writability check of the store, made by a
 * background thread every {@link #CHECK_INTERVAL}, so that a probe never waits on the store. A result
 * older than {@link #MAX_AGE} counts as not ready: a check that hangs (a database that accepts
 * connections but does not answer) turns the server unready instead of hanging the probe.
 *
 * <p>From the moment a stop begins ({@link #stopping}) it answers 503 {@code SERVER_STOPPING}, whatever
 * the store, so that a load balancer sends new requests elsewhere while those in flight finish.
 *
 * <p>Thread-safe. {@link #close} stops the checks.
 */
final class Readiness implements AutoCloseable {

  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  private record Check(boolean writable, long atNanos) {}

  private final BooleanSupplier writable;
  private final ScheduledExecutorService checker;
  private volatile Check last;
  private volatile boolean stopping;

  private Readiness(BooleanSupplier writable) {
    this.writable = writable;
    this.checker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "pulse-readiness");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Checks once now, then every {@link #CHECK_INTERVAL} in the background. */
  static Readiness start(BooleanSupplier writable) {
    Readiness readiness = new Readiness(writable);
    readiness.check();
    long interval = CHECK_INTERVAL.toMillis();
    readiness.checker.scheduleWithFixedDelay(
        readiness::check, interval, interval, TimeUnit.MILLISECONDS);
    return readiness;
  }

  private void check() {
    boolean ok;
    try {
      ok = writable.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("the readiness check failed: {}", e.getMessage());
      ok = false;
    }
    Check previous = last;
    if (previous != null && previous.writable != ok) {
      LOG.info(ok ? "ready: the store is writable again" : "not ready: the store is not writable");
    }
    last = new Check(ok, System.nanoTime());
  }

  /** A stop has begun: not ready from now on. */
  void stopping() {
    stopping = true;
    LOG.info("not ready: the server is stopping; the requests in flight finish first");
  }

  /** Answers the probe from the last check, without touching the store. */
  void answer(Context ctx) {
    Check check = last;
    long ageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - check.atNanos);
    if (stopping) {
      ctx.header("Retry-After", "5");
      ErrorBodies.answer(ctx, 503, ProtocolErrors.STOPPING_CODE, ProtocolErrors.STOPPING);
    } else if (ageMillis > MAX_AGE.toMillis()) {
      ErrorBodies.answer(
          ctx, 503, "NOT_READY", "the store's writability check has not answered for " + ageMillis + " ms");
    } else if (!check.writable) {
      ErrorBodies.answer(ctx, 503, "NOT_READY", "the store is not writable");
    } else {
      ctx.contentType(ErrorBodies.JSON).result("{\"status\":\"ready\"}");
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
