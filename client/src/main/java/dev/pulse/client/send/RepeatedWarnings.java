package dev.pulse.client.send;

/**
 * Remembers, across runs, which lasting problems a short-lived host (a CLI) has already warned its user
 * about, so that a misconfigured endpoint is not the same WARNING on every command.
 */
@FunctionalInterface
public interface RepeatedWarnings {

  /**
   * Whether the warning about {@code problem} is to be shown now, remembering that it was; true when
   * it cannot tell (better too often than never). Never throws.
   */
  boolean due(String problem);
}
