package dev.pulse.client.send;

/**
 * Remembers, across runs, which lasting problems a short-lived host (a CLI) has already warned its user
 * about, so that a misconfigured endpoint or a server's long pause is not the same line on every
 * command.
 */
@FunctionalInterface
public interface RepeatedWarnings {

  /** The end of a line shown once a day, so that the user knows why it is not on every run. */
  String ONCE_A_DAY = " (shown once a day while this lasts; every run with telemetry-debug)";

  /**
   * Whether the warning about {@code problem} is to be shown now, remembering that it was; true when
   * it cannot tell (better too often than never). Never throws.
   */
  boolean due(String problem);
}
