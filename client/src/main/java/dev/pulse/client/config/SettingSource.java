package dev.pulse.client.config;

import dev.pulse.client.text.OneLine;

/** Where a resolved setting came from, highest precedence first. */
public enum SettingSource {
  /** {@code DO_NOT_TRACK=1} in the environment: overrides everything and turns telemetry off. */
  DO_NOT_TRACK("environment DO_NOT_TRACK"),
  /** Set in code through the builder. */
  BUILDER("builder"),
  /** A command-line flag handed to the SDK, e.g. {@code --telemetry-enabled=false}. */
  FLAG("command-line flag"),
  /** A Java system property, e.g. {@code -Dotterize.telemetry.enabled=false}. */
  SYSTEM_PROPERTY("system property"),
  /** An environment variable, e.g. {@code OTTERIZE_TELEMETRY_ENABLED} (what Helm renders). */
  ENVIRONMENT("environment variable"),
  /** The Go components' default. */
  DEFAULT("default");

  private final String label;

  SettingSource(String label) {
    this.label = label;
  }

  /** A short human description. */
  public String label() {
    return label;
  }

  /**
   * Where a value read under {@code origin} came from, as a message says it: "command-line flag
   * --telemetry-interval-seconds=x", "builder", "the host default" (one line, bounded).
   */
  String where(String origin) {
    if (origin.isEmpty() || origin.equals(label)) {
      return label;
    }
    return this == DEFAULT ? "the " + origin : label + " " + OneLine.quoted(origin);
  }
}
