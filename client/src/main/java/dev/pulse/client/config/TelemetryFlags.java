package dev.pulse.client.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The telemetry flags of a host's command line ({@link SettingsResolver#flags}): the settings' values,
 * the flags as given that set them, and the flags that look like misspelt ones; and the arguments that
 * are none of telemetry's ({@link SettingsResolver#unrelatedArguments}).
 *
 * @param values each setting's value, from the last of its flags
 * @param names the flag as given (the argument), by the {@link SettingKey#name()} it set
 * @param misspelt the flags that name no setting but look meant for one
 */
record TelemetryFlags(Map<SettingKey, String> values, Map<String, String> names, List<MisspeltName> misspelt) {

  /** No flag at all: what a resolver reads until it is given the host's arguments. */
  static final TelemetryFlags NONE = new TelemetryFlags(Map.of(), Map.of(), List.of());

  /**
   * Reads the telemetry flags of {@code args} (null is none), in the forms {@code --key=value},
   * {@code -key=value}, {@code --key value} and, for switches, a bare {@code --key} (true). Other
   * arguments are ignored. The last occurrence wins.
   */
  static TelemetryFlags parse(List<String> args) {
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
    return new TelemetryFlags(parsed, names, List.copyOf(misspelt));
  }

  /**
   * The arguments of {@code args} that telemetry ignores in silence, in order: neither a setting's
   * flag, nor its value, nor a flag that {@link #parse} takes for a likely misspelt one (nor the value
   * of a misspelt switch's flag, {@code --telemetry-enabeld false}).
   */
  static List<String> unrelated(List<String> args) {
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
    return key.type() != SettingKey.ValueType.BOOLEAN || SettingValues.parseBoolean(next) != null;
  }
}
