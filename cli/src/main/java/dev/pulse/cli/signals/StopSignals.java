package dev.pulse.cli.signals;

import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM handled by a command itself, so that it can finish or undo what it was
 * doing and say so before it exits, instead of the JVM ending it without a word.
 */
public final class StopSignals {

  private StopSignals() {}

  /**
   * Handles SIGINT and SIGTERM with {@code stop}, each signal on a thread of its own. A JVM that keeps
   * a signal to itself ({@code -Xrs}) ends the command as before, with 128 + the signal.
   */
  public static void handle(Consumer<Signal> stop) {
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), stop::accept);
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (-Xrs).
      }
    }
  }

  /** Parks the calling thread for good: a stop under way ends the process ({@link System#exit}). */
  public static void awaitExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Still ending.
      }
    }
  }
}
