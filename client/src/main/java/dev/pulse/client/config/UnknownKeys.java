package dev.pulse.client.config;

import dev.pulse.client.text.OneLine;
import dev.pulse.schema.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds what looks meant for telemetry but names no setting, such as {@code --telemetry-enabeld=false},
 * {@code OTTERIZE_API_ADRESS} or {@code -Dotterize.telemetry.enabeld=false}, which would otherwise be
 * ignored in silence (and a user who meant to
 * opt out would still be reporting). A name is suspect when it starts with {@code telemetry}, or starts
 * with {@code tel} or {@code api} and is within {@link #MAX_DISTANCE} edits of a setting; other names
 * belong to the host and are left alone. Each warning names the closest setting. A suspect name within
 * {@link #MAX_DISTANCE} edits of a switch ({@code telemetry-enabled}, {@code telemetry-usage-enabled},
 * {@code telemetry-errors-enabled}) set to anything but a true value is taken as that switch off, as an
 * invalid value of the switch itself would be: only in that direction, so a typo never turns anything on.
 */
final class UnknownKeys {

  /** The most edits for a name that does not start with {@code telemetry} to count as a typo. */
  static final int MAX_DISTANCE = 2;

  private static final List<SettingKey> SWITCHES =
      Arrays.stream(SettingKey.values()).filter(SettingKey::isOptOutSwitch).toList();

  private UnknownKeys() {}

  /**
   * A command-line flag named {@code name}, written {@code shown} ({@code --telemetry-enabeld=false},
   * or {@code --telemetry-enabeld false}), with {@code value}, if it is suspect.
   */
  static Optional<MisspeltName> flag(String shown, String name, String value) {
    return misspelt(name.toLowerCase(Locale.ROOT), value, "unknown flag " + shown, k -> "--" + k.key(),
        SettingSource.FLAG, shown);
  }

  /** Whether the flag {@code name} is suspect (warned about). */
  static boolean suspectFlag(String name) {
    return closestIfSuspect(name.toLowerCase(Locale.ROOT)).isPresent();
  }

  /** The switch the suspect flag {@code name} is a near miss of, or null. */
  static SettingKey nearSwitchFlag(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return closestIfSuspect(key).isPresent() ? nearSwitch(key) : null;
  }

  /** Suspect environment variables under {@code prefix}, in name order. */
  static List<MisspeltName> environment(Map<String, String> env, String prefix) {
    List<MisspeltName> found = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (prefix.isEmpty() || !name.startsWith(prefix) || knownVariable(name, prefix)) {
        continue;
      }
      String key = name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
      misspelt(key, env.get(name), "unknown environment variable " + name, k -> k.environmentVariable(prefix),
          SettingSource.ENVIRONMENT, name).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Suspect system properties under the dotted form of {@code prefix} ({@code otterize.}
   * for {@code OTTERIZE_}), in any case, in name order.
   */
  static List<MisspeltName> systemProperties(Properties properties, String prefix) {
    List<MisspeltName> found = new ArrayList<>();
    // "otterize." for OTTERIZE_: a setting's property without its key (dotted, of the same length).
    String base = SettingKey.TELEMETRY_ENABLED.systemProperty(prefix);
    base = base.substring(0, base.length() - SettingKey.TELEMETRY_ENABLED.key().length());
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (base.isEmpty() || !name.regionMatches(true, 0, base, 0, base.length()) || knownProperty(name, prefix)) {
        continue;
      }
      String key = name.substring(base.length()).toLowerCase(Locale.ROOT).replace('.', '-');
      misspelt(key, properties.getProperty(name), "unknown system property " + name,
          k -> k.systemProperty(prefix), SettingSource.SYSTEM_PROPERTY, name).ifPresent(found::add);
    }
    return found;
  }

  private static Optional<MisspeltName> misspelt(String key, String value, String what,
      Function<SettingKey, String> spelled, SettingSource source, String origin) {
    Optional<SettingKey> closest = closestIfSuspect(key);
    if (closest.isEmpty()) {
      return Optional.empty();
    }
    // As for the switch itself: blank is not set, and anything but a true value is false.
    boolean off = value != null && !value.isBlank()
        && !Boolean.TRUE.equals(SettingValues.parseBoolean(value.trim()));
    SettingKey turnsOff = off ? nearSwitch(key) : null;
    what = OneLine.quoted(what);
    String warning = turnsOff != null
        ? what + " is taken as " + turnsOff.key() + "=false; did you mean " + spelled.apply(turnsOff) + "?"
        : what + " is ignored; did you mean " + spelled.apply(closest.get()) + "?";
    return Optional.of(new MisspeltName(warning, turnsOff, source, origin));
  }

  /** The switch within {@link #MAX_DISTANCE} edits of {@code key} (the closest), or null. */
  private static SettingKey nearSwitch(String key) {
    SettingKey near = null;
    int best = MAX_DISTANCE + 1;
    for (SettingKey k : SWITCHES) {
      int d = Suggestions.distance(key, k.key());
      if (d < best) {
        best = d;
        near = k;
      }
    }
    return near;
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
      int d = Suggestions.distance(key, k.key());
      if (d < best) {
        best = d;
        closest = k;
      }
    }
    boolean suspect = key.startsWith("telemetry")
        || (key.startsWith("tel") || key.startsWith("api")) && best <= MAX_DISTANCE;
    if (suspect) {
      SettingKey unprefixed = withoutTelemetryPrefix(key);
      closest = unprefixed != null ? unprefixed : closest;
    }
    return suspect ? Optional.of(closest) : Optional.empty();
  }

  /**
   * The setting without {@code telemetry-} in its name that {@code key} writes with it ({@code
   * telemetry-api-address}, {@code telemetry-client-id}), within {@link #MAX_DISTANCE} edits, or null:
   * nearest in letters would be a {@code telemetry-} switch, which no one meant.
   */
  private static SettingKey withoutTelemetryPrefix(String key) {
    String prefix = "telemetry-";
    if (!key.startsWith(prefix)) {
      return null;
    }
    String rest = key.substring(prefix.length());
    SettingKey nearest = null;
    int best = MAX_DISTANCE + 1;
    for (SettingKey k : SettingKey.values()) {
      int d = k.key().startsWith(prefix) ? Integer.MAX_VALUE : Suggestions.distance(rest, k.key());
      if (d < best) {
        best = d;
        nearest = k;
      }
    }
    return nearest;
  }
}
