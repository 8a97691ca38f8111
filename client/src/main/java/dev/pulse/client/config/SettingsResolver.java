package dev.pulse.client.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Resolves every {@link SettingKey} from, highest first: builder overrides, command-line flags,
 * Java system properties, environment variables ({@code OTTERIZE_} prefix by default), then the Go
 * defaults; but a flag, property or variable that turns one of the three switches off beats a builder
 * that turns it on. Names are read in any case ({@code --Telemetry-Enabled}, {@code OTTERIZE_Telemetry_Enabled}),
 * the exact spelling first. {@code DO_NOT_TRACK=1} (or any value but empty, 0 or false) in the environment turns
 * telemetry off whatever else says. An invalid value never throws: a switch set to anything but a
 * true or false value is taken as false (only true turns it on), any other key falls back to its
 * default, and the resolved setting carries a message naming the key and the rejected value. A flag,
 * {@code otterize.*} system property or {@code OTTERIZE_*} variable that looks meant for telemetry but
 * names no setting (a typo) gives a warning naming the closest setting; one that is a near miss of a
 * switch's name, set to anything but a true value, turns that switch off whatever else says.
 *
 * <p>Not thread-safe; use once, then share the immutable {@link TelemetrySettings}.
 */
public final class SettingsResolver {

  /** The environment-variable prefix of the Go components. */
  public static final String DEFAULT_ENV_PREFIX = "OTTERIZE_";

  private final Map<SettingKey, String> overrides = new EnumMap<>(SettingKey.class);
  private final Map<SettingKey, String> hostDefaults = new EnumMap<>(SettingKey.class);
  private TelemetryFlags flags = TelemetryFlags.NONE;
  private Properties systemProperties = System.getProperties();
  private Map<String, String> environment = System.getenv();
  private String envPrefix = DEFAULT_ENV_PREFIX;

  /** Sets a value in code (highest precedence); null unsets it. */
  public SettingsResolver override(SettingKey key, String value) {
    put(overrides, key, value);
    return this;
  }

  /**
   * Replaces the Go default of a key for this host (lowest precedence: any flag, property or variable
   * still wins), e.g. a demo that points at a local server unless told otherwise; null restores the Go
   * default.
   */
  public SettingsResolver hostDefault(SettingKey key, String value) {
    put(hostDefaults, key, value);
    return this;
  }

  private static void put(Map<SettingKey, String> values, SettingKey key, String value) {
    if (value == null) {
      values.remove(Objects.requireNonNull(key, "key"));
    } else {
      values.put(Objects.requireNonNull(key, "key"), value);
    }
  }

  /**
   * Command-line arguments of the host; only telemetry flags are read, in the forms
   * {@code --key=value}, {@code -key=value}, {@code --key value} and, for switches, a bare
   * {@code --key} (true). Other arguments are ignored. The last occurrence wins.
   */
  public SettingsResolver flags(List<String> args) {
    this.flags = TelemetryFlags.parse(args);
    return this;
  }

  /**
   * The arguments of {@code args} that telemetry ignores in silence, in order: neither a setting's
   * flag, nor its value, nor a flag that {@link #flags} warns about as a likely misspelt one (nor the
   * value of a misspelt switch's flag, {@code --telemetry-enabeld false}). A host whose only arguments
   * are telemetry flags (a tool that tests them) refuses these.
   */
  public static List<String> unrelatedArguments(List<String> args) {
    return TelemetryFlags.unrelated(args);
  }

  /** The system properties to read; defaults to {@link System#getProperties()}. */
  public SettingsResolver systemProperties(Properties properties) {
    this.systemProperties = Objects.requireNonNull(properties, "properties");
    return this;
  }

  /** The environment to read; defaults to {@link System#getenv()}. */
  public SettingsResolver environment(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    return this;
  }

  /** The environment-variable prefix; defaults to {@code OTTERIZE_}. */
  public SettingsResolver environmentPrefix(String prefix) {
    this.envPrefix = prefixOf(prefix);
    return this;
  }

  /**
   * {@code prefix} as the variables are named with it: with a {@code _} at its end when it has none
   * ({@code MYTOOL} reads {@code MYTOOL_TELEMETRY_ENABLED}, not {@code MYTOOLTELEMETRY_ENABLED}).
   */
  public static String prefixOf(String prefix) {
    String given = Objects.requireNonNull(prefix, "prefix").strip();
    return given.isEmpty() || given.endsWith("_") ? given : given + "_";
  }

  /** Resolves every setting. Never throws for bad values. */
  public TelemetrySettings resolve() {
    List<ResolvedSetting> resolved = new ArrayList<>();
    for (SettingKey key : SettingKey.values()) {
      resolved.add(resolveOne(key));
    }
    List<MisspeltName> misspelt = new ArrayList<>(flags.misspelt());
    misspelt.addAll(UnknownKeys.systemProperties(systemProperties, envPrefix));
    misspelt.addAll(UnknownKeys.environment(environment, envPrefix));
    MisspeltName.turnOff(resolved, misspelt);
    if (doNotTrack()) {
      resolved.set(
          SettingKey.TELEMETRY_ENABLED.ordinal(),
          new ResolvedSetting(SettingKey.TELEMETRY_ENABLED, "false", SettingSource.DO_NOT_TRACK,
              "DO_NOT_TRACK", ""));
    }
    return new TelemetrySettings(resolved, envPrefix, misspelt.stream().map(MisspeltName::warning).toList());
  }

  private ResolvedSetting resolveOne(SettingKey key) {
    if (overrides.containsKey(key)) {
      ResolvedSetting builder = SettingValues.validated(key, overrides.get(key), SettingSource.BUILDER, "builder");
      // A user's opt-out beats the host's code: a switch the builder turns on stays off for them.
      ResolvedSetting user = key.isOptOutSwitch() && builder.value().equals("true") ? fromUser(key, null) : null;
      return user != null && user.value().equals("false") ? user : builder;
    }
    ResolvedSetting host = hostDefaults.containsKey(key)
        ? SettingValues.validated(key, hostDefaults.get(key), SettingSource.DEFAULT, "host default") : null;
    ResolvedSetting user = fromUser(key, host); // a value refused gives way to the component's default
    if (user != null) {
      return user;
    }
    return host != null ? host : new ResolvedSetting(key, key.defaultValue(), SettingSource.DEFAULT, "", "");
  }

  /**
   * The value the host's user gave: a flag, else a system property, else an environment variable; null if
   * none. One that is refused gives way to {@code hostDefault} when there is one.
   */
  private ResolvedSetting fromUser(SettingKey key, ResolvedSetting hostDefault) {
    if (flags.values().containsKey(key)) {
      return SettingValues.validated(key, flags.values().get(key), SettingSource.FLAG, flags.names().get(key.name()),
          hostDefault);
    }
    SettingNames.Found prop = SettingNames.in(systemProperties, key.systemProperty(envPrefix));
    if (prop != null) {
      return SettingValues.validated(key, prop.value(), SettingSource.SYSTEM_PROPERTY, prop.name(), hostDefault);
    }
    SettingNames.Found env = SettingNames.in(environment, key.environmentVariable(envPrefix));
    return env == null ? null
        : SettingValues.validated(key, env.value(), SettingSource.ENVIRONMENT, env.name(), hostDefault);
  }

  /** {@code DO_NOT_TRACK} (in any case) set to anything but empty or a false value ({@code 0}, {@code false}, ...). */
  private boolean doNotTrack() {
    SettingNames.Found found = SettingNames.in(environment, "DO_NOT_TRACK");
    String value = found == null ? null : found.value();
    return value != null && !value.isBlank() && !Boolean.FALSE.equals(SettingValues.parseBoolean(value.trim()));
  }
}
