package dev.pulse.client.config;

import dev.pulse.client.text.OneLine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
  private Map<SettingKey, String> flags = Map.of();
  private Map<String, String> flagNames = Map.of();
  private List<MisspeltName> flagMisspelt = List.of();
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
    Map<SettingKey, String> parsed = new EnumMap<>(SettingKey.class);
    Map<String, String> names = new HashMap<>();
    List<MisspeltName> misspelt = new ArrayList<>();
    for (int i = 0; args != null && i < args.size(); i++) {
      String arg = args.get(i);
      if (arg == null || !arg.startsWith("-")) {
        continue;
      }
      String name = flagName(arg);
      SettingKey key = SettingNames.flagKey(name);
      if (key == null) {
        if (takesNextAsSwitch(arg, name, i + 1 < args.size() ? args.get(i + 1) : null)) {
          i++; // --telemetry-enabeld false: read as the switch's own flag would be
          UnknownKeys.flag(arg + " " + args.get(i), name, args.get(i)).ifPresent(misspelt::add);
        } else {
          UnknownKeys.flag(arg, name, flagValue(arg, name)).ifPresent(misspelt::add);
        }
        continue;
      }
      String body = flagBody(arg);
      String value;
      if (body.length() > name.length()) { // --key=value
        value = body.substring(name.length() + 1);
      } else if (i + 1 < args.size() && takesNext(key, args.get(i + 1))) {
        value = args.get(++i);
      } else {
        value = "true";
      }
      parsed.put(key, value);
      names.put(key.name(), arg);
    }
    this.flags = parsed;
    this.flagNames = names;
    this.flagMisspelt = List.copyOf(misspelt);
    return this;
  }

  /**
   * The arguments of {@code args} that telemetry ignores in silence, in order: neither a setting's
   * flag, nor its value, nor a flag that {@link #flags} warns about as a likely misspelt one (nor the value of a misspelt switch's flag, {@code --telemetry-enabeld false}). A host
   * whose only arguments are telemetry flags (a tool that tests them) refuses these.
   */
  public static List<String> unrelatedArguments(List<String> args) {
    List<String> unrelated = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg == null || !arg.startsWith("-")) {
        unrelated.add(arg);
        continue;
      }
      String name = flagName(arg);
      SettingKey key = SettingNames.flagKey(name);
      if (key == null && !UnknownKeys.suspectFlag(name)) {
        unrelated.add(arg);
      } else if (key == null && takesNextAsSwitch(arg, name, i + 1 < args.size() ? args.get(i + 1) : null)) {
        i++; // the value of a misspelt switch's flag
      } else if (key != null && !arg.contains("=") && i + 1 < args.size() && takesNext(key, args.get(i + 1))) {
        i++; // --key value: the value is the flag's
      }
    }
    return unrelated;
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
    this.envPrefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /** Resolves every setting. Never throws for bad values. */
  public TelemetrySettings resolve() {
    List<ResolvedSetting> resolved = new ArrayList<>();
    for (SettingKey key : SettingKey.values()) {
      resolved.add(resolveOne(key));
    }
    List<MisspeltName> misspelt = new ArrayList<>(flagMisspelt);
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
      ResolvedSetting builder = validated(key, overrides.get(key), SettingSource.BUILDER, "builder");
      // A user's opt-out beats the host's code: a switch the builder turns on stays off for them.
      ResolvedSetting user = key.isOptOutSwitch() && builder.value().equals("true") ? fromUser(key) : null;
      return user != null && user.value().equals("false") ? user : builder;
    }
    ResolvedSetting user = fromUser(key);
    if (user != null) {
      return user;
    }
    if (hostDefaults.containsKey(key)) {
      return validated(key, hostDefaults.get(key), SettingSource.DEFAULT, "host default");
    }
    return new ResolvedSetting(key, key.defaultValue(), SettingSource.DEFAULT, "", "");
  }

  /** The value the host's user gave: a flag, else a system property, else an environment variable; null if none. */
  private ResolvedSetting fromUser(SettingKey key) {
    if (flags.containsKey(key)) {
      return validated(key, flags.get(key), SettingSource.FLAG, flagNames.get(key.name()));
    }
    SettingNames.Found prop = SettingNames.in(systemProperties, key.systemProperty(envPrefix));
    if (prop != null) {
      return validated(key, prop.value(), SettingSource.SYSTEM_PROPERTY, prop.name());
    }
    SettingNames.Found env = SettingNames.in(environment, key.environmentVariable(envPrefix));
    return env == null ? null : validated(key, env.value(), SettingSource.ENVIRONMENT, env.name());
  }

  private static ResolvedSetting validated(
      SettingKey key, String raw, SettingSource source, String origin) {
    String problem = problemWith(key, raw.trim());
    if (problem == null) {
      return new ResolvedSetting(key, normalized(key, raw.trim()), source, origin, "");
    }
    String shown = OneLine.quoted(key.type() == SettingKey.ValueType.URL ? ApiAddress.masked(raw) : raw);
    String message =
        "invalid value '" + shown + "' for " + key.key() + " (from " + source.where(origin) + "): " + problem;
    if (key.type() == SettingKey.ValueType.BOOLEAN && !raw.isBlank()) {
      // Only true turns a switch on, as in the spec and the Go components: someone who set
      // telemetry-enabled to "disabled" meant it off.
      return new ResolvedSetting(key, "false", source, origin, message + "; taken as false, as only true turns it on");
    }
    return new ResolvedSetting(key, key.defaultValue(), SettingSource.DEFAULT, "",
        message + (key.defaultValue().isEmpty() ? "; ignored" : "; using the default " + key.defaultValue()));
  }

  private static String problemWith(SettingKey key, String value) {
    switch (key.type()) {
      case BOOLEAN:
        return parseBoolean(value) == null ? "expected true or false" : null;
      case POSITIVE_INT:
        try {
          int n = Integer.parseInt(value);
          if (n < 1) {
            return "must be at least 1";
          }
          return key == SettingKey.TELEMETRY_MAX_BATCH_SIZE && n > 1000 ? "must be at most 1000" : null;
        } catch (NumberFormatException e) {
          return "expected a whole number";
        }
      case DURATION:
        return GoDuration.problem(value);
      case URL:
        return ApiAddress.problem(value);
      default:
        return null;
    }
  }

  private static String normalized(SettingKey key, String value) {
    if (key.type() == SettingKey.ValueType.BOOLEAN) {
      return parseBoolean(value).toString();
    }
    if (key == SettingKey.API_ADDRESS) {
      // The Go components accept a trailing slash; the path is appended, so drop it.
      return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
    return value;
  }

  static Boolean parseBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on", "t" -> Boolean.TRUE;
      case "false", "0", "no", "off", "f" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** {@code DO_NOT_TRACK} (in any case) set to anything but empty or a false value ({@code 0}, {@code false}, ...). */
  private boolean doNotTrack() {
    SettingNames.Found found = SettingNames.in(environment, "DO_NOT_TRACK");
    String value = found == null ? null : found.value();
    return value != null && !value.isBlank() && !Boolean.FALSE.equals(parseBoolean(value.trim()));
  }

  /** A flag without its dashes: {@code telemetry-enabled=false} for {@code --telemetry-enabled=false}. */
  private static String flagBody(String arg) {
    return arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
  }

  /** A flag's name: {@code telemetry-enabled} for {@code --telemetry-enabled=false}. */
  private static String flagName(String arg) {
    String body = flagBody(arg);
    int eq = body.indexOf('=');
    return eq < 0 ? body : body.substring(0, eq);
  }

  /** The value of a flag written {@code --name=value}, else of a bare {@code --name} (true). */
  private static String flagValue(String arg, String name) {
    String body = flagBody(arg);
    return body.length() > name.length() ? body.substring(name.length() + 1) : "true";
  }

  /** Whether the bare flag {@code arg}, a near miss of a switch's, takes {@code next} as its value. */
  private static boolean takesNextAsSwitch(String arg, String name, String next) {
    return flagBody(arg).equals(name) && UnknownKeys.nearSwitchFlag(name) != null
        && takesNext(SettingKey.TELEMETRY_ENABLED, next);
  }

  private static boolean takesNext(SettingKey key, String next) {
    if (next == null || next.startsWith("-")) {
      return false;
    }
    return key.type() != SettingKey.ValueType.BOOLEAN || parseBoolean(next) != null;
  }
}
