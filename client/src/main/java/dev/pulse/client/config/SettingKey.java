package dev.pulse.client.config;

import java.util.Locale;

/**
 * Every telemetry setting: the keys of the wire contract (the Go components' flags) plus
 * {@code telemetry-debug}, each with the Go components' default, except {@code api-address}, which has
 * none (the Go components send to Otterize's cloud; a Pulse component sends only where its maintainer
 * or user says).
 */
public enum SettingKey {
  /** Master switch for usage and errors. */
  TELEMETRY_ENABLED("telemetry-enabled", "true", ValueType.BOOLEAN),
  /** Usage events (needs {@link #TELEMETRY_ENABLED} too). */
  TELEMETRY_USAGE_ENABLED("telemetry-usage-enabled", "true", ValueType.BOOLEAN),
  /** Error reports (needs {@link #TELEMETRY_ENABLED} too). */
  TELEMETRY_ERRORS_ENABLED("telemetry-errors-enabled", "true", ValueType.BOOLEAN),
  /** Items per request, 1 to 1000. */
  TELEMETRY_MAX_BATCH_SIZE("telemetry-max-batch-size", "100", ValueType.POSITIVE_INT),
  /** Seconds between batches. */
  TELEMETRY_INTERVAL_SECONDS("telemetry-interval-seconds", "5", ValueType.POSITIVE_INT),
  /** Timeout of one HTTP request, Go duration syntax. */
  TELEMETRY_CLIENT_TIMEOUT("telemetry-client-timeout", "30s", ValueType.DURATION),
  /** How often unique counters restart, Go duration syntax. */
  TELEMETRY_RESET_INTERVAL_DURATION("telemetry-reset-interval-duration", "24h", ValueType.DURATION),
  /** How often ACTIVE is sent, Go duration syntax. */
  TELEMETRY_ACTIVE_INTERVAL_DURATION("telemetry-active-interval-duration", "2m", ValueType.DURATION),
  /**
   * Base URL of the endpoint; requests go to {@code {api-address}/telemetry/query}. No default: the
   * component's maintainer chooses it ({@code defaultApiAddress}); without one the SDK is inert.
   */
  API_ADDRESS("api-address", "", ValueType.URL),
  /** The cloud client id sent as {@code cloudClientId}; empty when not connected. */
  CLIENT_ID("client-id", "", ValueType.STRING),
  /** Logs every payload exactly as sent, and what became of it. */
  TELEMETRY_DEBUG("telemetry-debug", "false", ValueType.BOOLEAN);

  /** How a value is parsed and validated. */
  public enum ValueType {
    /** {@code true} or {@code false} (also 1/0, yes/no, case-insensitive). */
    BOOLEAN,
    /** A whole number, at least 1. */
    POSITIVE_INT,
    /** A positive Go duration such as {@code 30s}, {@code 2m}, {@code 1h30m}. */
    DURATION,
    /** An http or https URL. */
    URL,
    /** Any string. */
    STRING
  }

  private final String key;
  private final String defaultValue;
  private final ValueType type;

  SettingKey(String key, String defaultValue, ValueType type) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.type = type;
  }

  /** The flag name, e.g. {@code telemetry-enabled}. */
  public String key() {
    return key;
  }

  /** The Go components' default, as text. */
  public String defaultValue() {
    return defaultValue;
  }

  /** How the value is parsed. */
  public ValueType type() {
    return type;
  }

  /** Whether this is one of the three switches a user turns telemetry off with. */
  public boolean isOptOutSwitch() {
    return this == TELEMETRY_ENABLED || this == TELEMETRY_USAGE_ENABLED || this == TELEMETRY_ERRORS_ENABLED;
  }

  /** The environment variable for a prefix, e.g. {@code OTTERIZE_TELEMETRY_ENABLED}. */
  public String environmentVariable(String prefix) {
    return prefix + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The Java system property for an environment prefix, e.g. {@code otterize.telemetry.enabled} for
   * {@code OTTERIZE_}.
   */
  public String systemProperty(String environmentPrefix) {
    String base = environmentPrefix.toLowerCase(Locale.ROOT).replace('_', '.');
    if (!base.isEmpty() && !base.endsWith(".")) {
      base = base + ".";
    }
    return base + key.replace('-', '.');
  }

  /** The key for a flag name, if it is one. */
  public static SettingKey fromKey(String key) {
    for (SettingKey k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}
