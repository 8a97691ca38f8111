package dev.pulse.client.send;

import java.lang.System.Logger.Level;

/**
 * Logs one WARNING line per interval when items were dropped since the last line, never one per
 * event, so an outage cannot flood the host's log. Used by the worker thread, and by the closing thread
 * for what close() itself dropped. A line about sends that failed for a reason already shown recently
 * ({@link RepeatedWarnings}: a CLI, whose every command is a run) is logged at DEBUG instead.
 */
final class DropSummary {

  private static final System.Logger LOG = System.getLogger(TelemetryStats.DROPS_LOGGER);

  private final RepeatedWarnings repeated;
  private final String endpoint;

  /** As {@code options} say; with telemetry-debug every line is a WARNING: the user asked to see everything. */
  static DropSummary of(SenderOptions options) {
    return new DropSummary(options.onceADay(), options.settings().endpoint().toString());
  }

  /** Every line a WARNING when {@code repeated} is null; else as it says, per problem at {@code endpoint}. */
  DropSummary(RepeatedWarnings repeated, String endpoint) {
    this.repeated = repeated;
    this.endpoint = endpoint;
  }

  private long lastBufferFull;
  private long lastFailed;
  private long lastOverCap;

  /** Logs the line if anything was dropped since the last one. */
  synchronized void logIfChanged(TelemetryStats now) {
    long bufferFull = now.droppedBufferFull() - lastBufferFull;
    long failed = now.droppedFailed() - lastFailed;
    long overCap = now.uniqueKeysOverCap() - lastOverCap;
    if (bufferFull == 0 && failed == 0 && overCap == 0) {
      return;
    }
    lastBufferFull = now.droppedBufferFull();
    lastFailed = now.droppedFailed();
    lastOverCap = now.uniqueKeysOverCap();
    boolean failedOnly = failed > 0 && bufferFull == 0 && overCap == 0 && !now.lastFailure().isEmpty();
    Level level = Level.WARNING;
    String again = "";
    if (repeated != null && failedOnly) {
      level = repeated.due(endpoint + "\n" + now.lastFailure()) ? Level.WARNING : Level.DEBUG;
      again = RepeatedWarnings.ONCE_A_DAY;
    }
    LOG.log(level, "Pulse telemetry since the last report: dropped " + bufferFull
        + " (buffer full), " + failed + (failed > 0 && !now.lastFailure().isEmpty()
        ? " (send failed, the last because " + now.lastFailure() + ")" : " (send failed)")
        + "; " + overCap + " unique keys over the cap not counted. Totals: sent " + now.sent() + ", dropped "
        + now.droppedBufferFull() + " (buffer full), " + now.droppedFailed() + " (send failed), " + now.droppedDisabled()
        + " (telemetry off), retried " + now.retried() + ", spooled " + now.spooled() + again);
  }
}
