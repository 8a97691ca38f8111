package dev.pulse.client.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The resolved telemetry settings: a typed view for the SDK and a described view ({@link
 * #describe()}) for {@code pulse status}. Immutable and thread-safe; build with {@link
 * SettingsResolver} or {@link #fromEnvironment(List)}.
 */
public final class TelemetrySettings {

  private final List<ResolvedSetting> settings;
  private final String environmentPrefix;
  private final List<String> warnings;

  TelemetrySettings(List<ResolvedSetting> settings, String environmentPrefix, List<String> warnings) {
    this.settings = List.copyOf(settings);
    this.environmentPrefix = environmentPrefix;
    this.warnings = List.copyOf(warnings);
  }

  /** Settings from these flags, the system properties and the environment ({@code OTTERIZE_}). */
  public static TelemetrySettings fromEnvironment(List<String> flags) {
    return new SettingsResolver().flags(flags).resolve();
  }

  /** The Go defaults only (nothing read from the process). */
  public static TelemetrySettings defaults() {
    return new SettingsResolver()
        .systemProperties(new java.util.Properties())
        .environment(java.util.Map.of())
        .resolve();
  }

  /** Every setting in {@link SettingKey} order, with its value and source. */
  public List<ResolvedSetting> describe() {
    return settings;
  }

  /** One setting. */
  public ResolvedSetting get(SettingKey key) {
    return settings.get(key.ordinal());
  }

  /** The environment-variable prefix these settings were read with. */
  public String environmentPrefix() {
    return environmentPrefix;
  }

  /** The master switch ({@code telemetry-enabled}, false under {@code DO_NOT_TRACK}). */
  public boolean enabled() {
    return bool(SettingKey.TELEMETRY_ENABLED);
  }

  /** Whether usage events are sent: enabled and usage-enabled. */
  public boolean usageActive() {
    return enabled() && bool(SettingKey.TELEMETRY_USAGE_ENABLED);
  }

  /** Whether error reports are sent: enabled and errors-enabled. */
  public boolean errorsActive() {
    return enabled() && bool(SettingKey.TELEMETRY_ERRORS_ENABLED);
  }

  /** Whether anything at all is sent. */
  public boolean anythingActive() {
    return usageActive() || errorsActive();
  }

  /** Items per request. */
  public int maxBatchSize() {
    return Integer.parseInt(get(SettingKey.TELEMETRY_MAX_BATCH_SIZE).value());
  }

  /** Time between batches. */
  public Duration interval() {
    return Duration.ofSeconds(Long.parseLong(get(SettingKey.TELEMETRY_INTERVAL_SECONDS).value()));
  }

  /** Timeout of one HTTP request. */
  public Duration clientTimeout() {
    return duration(SettingKey.TELEMETRY_CLIENT_TIMEOUT);
  }

  /** How often unique counters restart. */
  public Duration resetInterval() {
    return duration(SettingKey.TELEMETRY_RESET_INTERVAL_DURATION);
  }

  /** How often ACTIVE is sent. */
  public Duration activeInterval() {
    return duration(SettingKey.TELEMETRY_ACTIVE_INTERVAL_DURATION);
  }

  /** The endpoint base URL, without a trailing slash. */
  public String apiAddress() {
    return get(SettingKey.API_ADDRESS).value();
  }

  /** Whether an endpoint is configured ({@code api-address} is not empty). */
  public boolean hasEndpoint() {
    return !apiAddress().isEmpty();
  }

  /**
   * {@code {api-address}/telemetry/query}.
   *
   * @throws IllegalStateException when no endpoint is configured (see {@link #hasEndpoint()})
   */
  public URI endpoint() {
    if (!hasEndpoint()) {
      throw new IllegalStateException("no api-address is configured");
    }
    return URI.create(apiAddress() + dev.pulse.schema.WireOperations.PATH);
  }

  /** The cloud client id, "" when absent. */
  public String clientId() {
    return get(SettingKey.CLIENT_ID).value();
  }

  /** Whether every payload is logged. */
  public boolean debug() {
    return bool(SettingKey.TELEMETRY_DEBUG);
  }

  /** Messages for every supplied value that was rejected. */
  public List<String> problems() {
    return settings.stream().filter(ResolvedSetting::hasProblem).map(ResolvedSetting::problem).toList();
  }

  /**
   * Flags, system properties and environment variables that look meant for telemetry but name no
   * setting, each with the closest setting, e.g. "unknown flag --api-adress=http://x is ignored; did you
   * mean --api-address?"; a near miss of a switch set to anything but a true value turns the switch
   * off, and says so: "unknown flag --telemetry-enabeld=false is taken as telemetry-enabled=false; did
   * you mean --telemetry-enabled?".
   */
  public List<String> warnings() {
    return warnings;
  }

  /** {@link #problems()} then {@link #warnings()}: everything the SDK logs as a WARNING at start. */
  public List<String> notices() {
    List<String> all = new java.util.ArrayList<>(problems());
    all.addAll(warnings);
    return all;
  }

  private boolean bool(SettingKey key) {
    return Boolean.parseBoolean(get(key).value());
  }

  private Duration duration(SettingKey key) {
    return GoDuration.parse(get(key).value());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TelemetrySettings{");
    for (ResolvedSetting s : settings) {
      sb.append(s.key().key()).append('=').append(s.value()).append(" (").append(s.source().label())
          .append("), ");
    }
    sb.setLength(sb.length() - 2);
    return sb.append('}').toString();
  }
}
