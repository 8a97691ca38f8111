package dev.pulse.client.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Finds what looks meant for telemetry but names no setting, such as {@code --telemetry-enabeld=false},
 * {@code OTTERIZE_API_ADRESS} or {@code -Dotterize.telemetry.enabeld=false}, which would otherwise be ignored in silence (and a user who meant to
 * opt out would still be reporting). A name is suspect when it starts with {@code telemetry}, or starts
 * with {@code tel} or {@code api} and is within {@link #MAX_DISTANCE} edits of a setting; other names
 * belong to the host and are left alone. Each warning names the closest setting.
 */
final class UnknownKeys {

  /** The most edits for a name that does not start with {@code telemetry} to count as a typo. */
  static final int MAX_DISTANCE = 2;

  private UnknownKeys() {}

  /** A warning for a command-line flag {@code arg} whose name is {@code name}, if it is suspect. */
  static Optional<String> flag(String arg, String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return closestIfSuspect(key).map(k -> "unknown flag " + arg + " is ignored; did you mean --"
        + k.key() + "?");
  }

  /** Warnings for suspect environment variables under {@code prefix}, in name order. */
  static List<String> environment(Map<String, String> env, String prefix) {
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (prefix.isEmpty() || !name.startsWith(prefix) || knownVariable(name, prefix)) {
        continue;
      }
      String key = name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
      closestIfSuspect(key).ifPresent(k -> warnings.add("unknown environment variable " + name
          + " is ignored; did you mean " + k.environmentVariable(prefix) + "?"));
    }
    return warnings;
  }

  /**
   * Warnings for suspect system properties under the dotted form of {@code prefix} ({@code otterize.}
   * for {@code OTTERIZE_}), in any case, in name order.
   */
  static List<String> systemProperties(Properties properties, String prefix) {
    List<String> warnings = new ArrayList<>();
    // "otterize." for OTTERIZE_: a setting's property without its key (dotted, of the same length).
    String base = SettingKey.TELEMETRY_ENABLED.systemProperty(prefix);
    base = base.substring(0, base.length() - SettingKey.TELEMETRY_ENABLED.key().length());
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (base.isEmpty() || !name.regionMatches(true, 0, base, 0, base.length()) || knownProperty(name, prefix)) {
        continue;
      }
      String key = name.substring(base.length()).toLowerCase(Locale.ROOT).replace('.', '-');
      closestIfSuspect(key).ifPresent(k -> warnings.add("unknown system property " + name
          + " is ignored; did you mean " + k.systemProperty(prefix) + "?"));
    }
    return warnings;
  }

  private static boolean knownProperty(String name, String prefix) {
    for (SettingKey k : SettingKey.values()) {
      if (k.systemProperty(prefix).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean knownVariable(String name, String prefix) {
    for (SettingKey k : SettingKey.values()) {
      if (k.environmentVariable(prefix).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<SettingKey> closestIfSuspect(String key) {
    if (SettingKey.fromKey(key) != null) {
      return Optional.empty();
    }
    SettingKey closest = null;
    int best = Integer.MAX_VALUE;
    for (SettingKey k : SettingKey.values()) {
      int d = distance(key, k.key());
      if (d < best) {
        best = d;
        closest = k;
      }
    }
    boolean suspect = key.startsWith("telemetry")
        || (key.startsWith("tel") || key.startsWith("api")) && best <= MAX_DISTANCE;
    return suspect ? Optional.of(closest) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
