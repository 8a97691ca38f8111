package dev.pulse.client.send;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker's clock: waits for the next batch interval, cut short by a flush or close request, and
 * waits between retries unless the wait would pass the close deadline (or, in a CLI, at all once
 * closing). Host threads only signal.
 */
final class WakeSignal implements Delivery.Waiter {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean flushRequested;
  private volatile boolean closing;
  private volatile long closeDeadline = Long.MAX_VALUE;
  private final boolean waitsEndAtClose;

  /** With {@code waitsEndAtClose} (a CLI), a close request ends a retry wait at once. */
  WakeSignal(boolean waitsEndAtClose) {
    this.waitsEndAtClose = waitsEndAtClose;
  }

  /** Asks for an early tick. */
  void requestFlush() {
    lock.lock();
    try {
      flushRequested = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Asks the worker to send what is left and stop before {@code deadlineNanos} (System.nanoTime). */
  void requestClose(long deadlineNanos) {
    closeDeadline = deadlineNanos;
    closing = true;
    requestFlush();
  }

  /** Waits up to {@code nanos} or until a flush/close request; true when closing. */
  boolean awaitTick(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (!flushRequested && !closing && left > 0) {
        left = wake.awaitNanos(left);
      }
      flushRequested = false;
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the close deadline has passed. */
  boolean pastCloseDeadline() {
    return closeDeadline != Long.MAX_VALUE && System.nanoTime() - closeDeadline >= 0;
  }

  @Override
  public boolean await(long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    lock.lock();
    try {
      for (long left = nanos; left > 0; left = end - System.nanoTime()) {
        if (closing && waitsEndAtClose || closeDeadline != Long.MAX_VALUE && end - closeDeadline > 0) {
          return false;
        }
        wake.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public long deadline() {
    return closeDeadline;
  }

  /** A deadline in nanoseconds within [0, Long.MAX_VALUE]: ChronoUnit.FOREVER's overflows toNanos(). */
  static long saturatedNanos(Duration deadline) {
    if (deadline.isNegative()) {
      return 0;
    }
    try {
      return deadline.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
