package dev.pulse.client.send;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Logs one WARNING line per interval at most when items were dropped since the last line, never one per
 * event, so an outage cannot flood the host's log. Nor can a lasting one: a line for the same reason as
 * the last one shown (the same failure, the buffer or a unique counter full again) waits until {@link
 * #REPEAT_AFTER} has passed since that one, and then counts everything dropped since it, what was held
 * back included. Once a request is delivered again after a line about failed sends, one INFO line says
 * sending works again, with what was dropped since that line. In a CLI ({@link RepeatedWarnings}: every
 * command is a run) a line about sends that failed for a reason shown recently is logged at DEBUG
 * instead. With telemetry-debug every line is shown. Used by the worker thread at the end of each
 * interval, and by the closing thread, which shows what is left to tell ({@link #logAtClose}).
 */
final class DropSummary {

  /** How long a line for the same reason as the last one shown is held back. */
  static final Duration REPEAT_AFTER = Duration.ofMinutes(10);
  /** The end of a line that may be held back next time, so that the operator knows why it is not repeated. */
  static final String REPEATS = " (while the reason stays the same, shown at most once every "
      + REPEAT_AFTER.toMinutes() + " minutes, counting what was dropped meanwhile; every time with telemetry-debug)";

  private static final System.Logger LOG = System.getLogger(TelemetryStats.DROPS_LOGGER);

  private final RepeatedWarnings repeated;
  private final String endpoint;
  private final boolean everyLine;
  private final LongSupplier clock;

  /** The counters as of the last line shown, and as of the last call. */
  private TelemetryStats shown = TelemetryStats.ZERO;
  private TelemetryStats seen = TelemetryStats.ZERO;
  /** The reason of the last WARNING shown and when (System.nanoTime); null after none, or once sending worked. */
  private String shownReason;
  private long shownAt;
  /** Whether a WARNING about failed sends was shown that no line saying sending works again followed. */
  private boolean failureShown;

  /** As {@code options} say; with telemetry-debug every line is a WARNING: the user asked to see everything. */
  static DropSummary of(SenderOptions options) {
    return new DropSummary(options.onceADay(), options.settings().endpoint().toString(), options.settings().debug(),
        System::nanoTime);
  }

  /**
   * Lines about what was dropped sending to {@code endpoint}: as {@code repeated} says for a failure
   * already shown (null: every such line a WARNING); each line ({@code everyLine}) or as the rule above
   * says, by {@code clock} (nanoseconds).
   */
  DropSummary(RepeatedWarnings repeated, String endpoint, boolean everyLine, LongSupplier clock) {
    this.repeated = repeated;
    this.endpoint = endpoint;
    this.everyLine = everyLine;
    this.clock = clock;
  }

  /** At the end of an interval: a line if anything was dropped since the last call, as the rules say. */
  synchronized void logIfChanged(TelemetryStats now) {
    log(now, false);
  }

  /** At close: a line for whatever was dropped and not told yet, held back or not. */
  synchronized void logAtClose(TelemetryStats now) {
    log(now, true);
  }

  private void log(TelemetryStats now, boolean closing) {
    TelemetryStats before = seen;
    seen = now;
    if (!droppedSince(before, now)) {
      if (failureShown && now.sent() > before.sent()) {
        worksAgain(now);
      } else if (closing && droppedSince(shown, now)) {
        line(now, reason(shown, now));
      }
      return;
    }
    String reason = reason(before, now);
    boolean tooSoon = reason.equals(shownReason) && clock.getAsLong() - shownAt < REPEAT_AFTER.toNanos();
    if (closing || everyLine || !tooSoon) {
      line(now, reason);
    }
  }

  private static boolean droppedSince(TelemetryStats then, TelemetryStats now) {
    return now.droppedBufferFull() > then.droppedBufferFull() || now.droppedFailed() > then.droppedFailed()
        || now.uniqueKeysOverCap() > then.uniqueKeysOverCap();
  }

  /** Why items were dropped between {@code then} and {@code now}: each kind of drop, and the last failure. */
  private static String reason(TelemetryStats then, TelemetryStats now) {
    return (now.droppedBufferFull() > then.droppedBufferFull() ? "buffer full\n" : "")
        + (now.uniqueKeysOverCap() > then.uniqueKeysOverCap() ? "unique keys over the cap\n" : "")
        + (now.droppedFailed() > then.droppedFailed() ? "send failed: " + now.lastFailure() : "");
  }

  /** The line, with everything dropped since the last one shown. */
  private void line(TelemetryStats now, String reason) {
    long bufferFull = now.droppedBufferFull() - shown.droppedBufferFull();
    long failed = now.droppedFailed() - shown.droppedFailed();
    long overCap = now.uniqueKeysOverCap() - shown.uniqueKeysOverCap();
    boolean failedOnly = failed > 0 && bufferFull == 0 && overCap == 0 && !now.lastFailure().isEmpty();
    Level level = Level.WARNING;
    String again = repeated == null && !everyLine ? REPEATS : "";
    if (repeated != null && failedOnly) {
      level = repeated.due(endpoint + "\n" + now.lastFailure()) ? Level.WARNING : Level.DEBUG;
      again = RepeatedWarnings.ONCE_A_DAY;
    }
    LOG.log(level, "Pulse telemetry since the last report: " + dropped(now, bufferFull, failed, overCap)
        + ". Totals: " + totals(now) + again);
    shown = now;
    if (level == Level.WARNING) {
      shownReason = reason;
      shownAt = clock.getAsLong();
      failureShown |= failed > 0;
    }
  }

  /** A request delivered after failures were warned about: said once, with what was dropped since. */
  private void worksAgain(TelemetryStats now) {
    long bufferFull = now.droppedBufferFull() - shown.droppedBufferFull();
    long failed = now.droppedFailed() - shown.droppedFailed();
    long overCap = now.uniqueKeysOverCap() - shown.uniqueKeysOverCap();
    LOG.log(Level.INFO, "Pulse telemetry sends again: " + endpoint + " took a request after the failed sends"
        + " warned about" + (droppedSince(shown, now) ? "; since the last report: " + dropped(now, bufferFull, failed,
        overCap) : "") + ". Totals: " + totals(now));
    shown = now;
    shownReason = null;
    failureShown = false;
  }

  /** What was dropped, the kinds with a count only ("dropped 3 (send failed, the last because ...)"). */
  private static String dropped(TelemetryStats now, long bufferFull, long failed, long overCap) {
    List<String> kinds = new ArrayList<>();
    if (bufferFull > 0) {
      kinds.add(bufferFull + " (buffer full)");
    }
    if (failed > 0) {
      kinds.add(failed + (now.lastFailure().isEmpty() ? " (send failed)"
          : " (send failed, the last because " + now.lastFailure() + ")"));
    }
    String items = kinds.isEmpty() ? "" : "dropped " + String.join(" and ", kinds);
    String keys = overCap > 0 ? overCap + " unique keys over the cap not counted" : "";
    return items.isEmpty() || keys.isEmpty() ? items + keys : items + "; " + keys;
  }

  /** The totals so far: what was sent, and each other count that is not zero. */
  private static String totals(TelemetryStats now) {
    StringBuilder totals = new StringBuilder("sent " + now.sent());
    appendIfAny(totals, now.droppedBufferFull(), "dropped (buffer full)");
    appendIfAny(totals, now.droppedFailed(), "dropped (send failed)");
    appendIfAny(totals, now.droppedDisabled(), "dropped (telemetry off)");
    appendIfAny(totals, now.retried(), "retried");
    appendIfAny(totals, now.spooled(), "spooled");
    return totals.toString();
  }

  private static void appendIfAny(StringBuilder totals, long count, String what) {
    if (count > 0) {
      totals.append(", ").append(what).append(' ').append(count);
    }
  }
}
