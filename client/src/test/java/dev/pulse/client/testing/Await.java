package dev.pulse.client.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a timeout (polling briefly), instead of sleeping a fixed time. */
public final class Await {

  private Await() {}

  /** Returns when the condition holds; fails the test after {@code timeout}. */
  public static void until(BooleanSupplier condition, Duration timeout, String what) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5); // a poll interval, not synchronisation: the condition decides
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** {@link #until} with a 10 s timeout. */
  public static void until(BooleanSupplier condition, String what) {
    until(condition, Duration.ofSeconds(10), what);
  }
}
