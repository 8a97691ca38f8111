package dev.pulse.client.config;

import java.util.Objects;

/**
 * One resolved setting, as {@code pulse status} prints it.
 *
 * @param key the setting
 * @param value the value in effect, as text
 * @param source where the value came from
 * @param origin the exact name it was read under (flag, property or variable name), or "" for defaults
 * @param problem why a supplied value was rejected (the default is then in effect), or ""
 */
public record ResolvedSetting(
    SettingKey key, String value, SettingSource source, String origin, String problem) {

  public ResolvedSetting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    origin = origin == null ? "" : origin;
    problem = problem == null ? "" : problem;
  }

  /** Whether a supplied value was rejected. */
  public boolean hasProblem() {
    return !problem.isEmpty();
  }
}
