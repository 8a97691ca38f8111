package dev.pulse.server.store.sql;

import java.time.Instant;

/** Receive times as the stores keep them: microseconds since the epoch (sub-microsecond parts dropped). */
public final class EpochMicros {

  private EpochMicros() {}

  /** Microseconds since the epoch of {@code instant}, truncated. */
  public static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  /** The instant {@code micros} microseconds after the epoch (negative before it). */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
