package dev.pulse.client.config;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Finds a setting's flag, system property or environment variable whatever the case it is written in,
 * as Go's viper treats keys: {@code --Telemetry-Enabled=false} and {@code OTTERIZE_Telemetry_Enabled}
 * opt out as their lower- and upper-case forms do, rather than being ignored in silence. So do a
 * property and a variable written with the flag's {@code -} for their separator ({@code
 * -Dotterize.telemetry-enabled=false}, {@code OTTERIZE_TELEMETRY-ENABLED}). The exact spelling wins over
 * others; among other spellings, the first in name order.
 */
final class SettingNames {

  /** A value and the name it was found under. */
  record Found(String name, String value) {}

  private SettingNames() {}

  /** The key of a flag name in any case, or null. */
  static SettingKey flagKey(String name) {
    return SettingKey.fromKey(name.toLowerCase(Locale.ROOT));
  }

  /** The variable {@code name} in {@code environment}, in any case, {@code -} for {@code _}; null when absent. */
  static Found in(Map<String, String> environment, String name) {
    String exact = environment.get(name);
    if (exact != null) {
      return new Found(name, exact);
    }
    for (String candidate : new TreeSet<>(environment.keySet())) {
      if (candidate.replace('-', '_').equalsIgnoreCase(name) && environment.get(candidate) != null) {
        return new Found(candidate, environment.get(candidate));
      }
    }
    return null;
  }

  /** The property {@code name} in {@code properties}, in any case, {@code -} for {@code .}; null when absent. */
  static Found in(Properties properties, String name) {
    String exact = properties.getProperty(name);
    if (exact != null) {
      return new Found(name, exact);
    }
    for (String candidate : new TreeSet<>(properties.stringPropertyNames())) {
      if (candidate.replace('-', '.').equalsIgnoreCase(name)) {
        return new Found(candidate, properties.getProperty(candidate));
      }
    }
    return null;
  }
}
