package dev.pulse.server.store;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a state the code under test reaches on its own threads: polling with a deadline, never timing. */
public final class Await {

  /** Long enough for a loaded CI machine; a condition that never holds fails the test after it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Await() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it still does not hold after the timeout
   */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what);
      }
      Thread.sleep(5); // polling interval, not synchronisation
    }
  }
}
