package dev.pulse.client.send;

/**
 * What became of reported items so far (usage events as sent after combining, errors, CLI commands).
 *
 * @param sent items delivered to the endpoint
 * @param droppedBufferFull errors and CLI commands dropped because the buffer was full
 * @param droppedFailed items dropped after the last retry failed (or the server rejected them), left
 *     at close outside a CLI, or pushed out of the CLI spool by its bound
 * @param droppedDisabled calls ignored because their kind of telemetry is off, or after close
 * @param retried retry attempts made (each counts once)
 * @param spooled items this run left in the CLI spool file for the next run
 * @param uniqueKeysOverCap keys not remembered because a unique counter was at its cap
 * @param lastFailure why the last failed attempt to send failed, in words, with what to do where
 *     that is the host's to fix; {@code ""} before any failed
 */
public record TelemetryStats(
    long sent,
    long droppedBufferFull,
    long droppedFailed,
    long droppedDisabled,
    long retried,
    long spooled,
    long uniqueKeysOverCap,
    String lastFailure) {

  /**
   * The logger of the WARNING line, one a send interval at most (and the same reason again once every
   * 10 minutes at most), that sums up what was dropped and why the last send failed, and of the INFO
   * line saying sending works again after such failures. A host that tells its user the outcome itself,
   * from these counters, can turn that logger off by this name and keep the SDK's other lines.
   */
  public static final String DROPS_LOGGER = "dev.pulse.client.drops";

  /** Nothing yet. */
  public static final TelemetryStats ZERO = new TelemetryStats(0, 0, 0, 0, 0, 0, 0, "");

  /** All drops, whatever the reason. */
  public long dropped() {
    return droppedBufferFull + droppedFailed + droppedDisabled;
  }
}
