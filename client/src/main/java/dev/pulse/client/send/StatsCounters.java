package dev.pulse.client.send;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TelemetryStats}; LongAdders so host threads never contend. */
public final class StatsCounters {

  final LongAdder sent = new LongAdder();
  final LongAdder droppedBufferFull = new LongAdder();
  final LongAdder droppedFailed = new LongAdder();
  final LongAdder droppedDisabled = new LongAdder();
  final LongAdder retried = new LongAdder();
  final LongAdder spooled = new LongAdder();
  /** Written by the worker thread, and by the closing thread for what it took over; read by any. */
  volatile String lastFailure = "";

  /** Counts one call ignored because its telemetry is off. */
  public void disabled() {
    droppedDisabled.increment();
  }

  /** A snapshot. */
  public TelemetryStats snapshot(long uniqueKeysOverCap) {
    return new TelemetryStats(sent.sum(), droppedBufferFull.sum(), droppedFailed.sum(),
        droppedDisabled.sum(), retried.sum(), spooled.sum(), uniqueKeysOverCap, lastFailure);
  }
}
