package dev.pulse.client.config;

import dev.pulse.client.text.OneLine;
import java.util.Locale;

/**
 * One raw value of a setting, checked against its key's type: normalized when valid; else the value
 * taken instead (false for a switch, the default for any other key), with a message naming the key,
 * the rejected value and where it came from. Never throws for a bad value.
 */
final class SettingValues {

  private SettingValues() {}

  /** {@code raw}, from {@code source} ({@code origin} names it: a flag, property or variable), checked. */
  static ResolvedSetting validated(SettingKey key, String raw, SettingSource source, String origin) {
    return validated(key, raw, source, origin, null);
  }

  /**
   * As {@link #validated(SettingKey, String, SettingSource, String)}, with {@code hostDefault} (the
   * component's own default, or null) taken instead of a refused value in place of the Go default.
   */
  static ResolvedSetting validated(
      SettingKey key, String raw, SettingSource source, String origin, ResolvedSetting hostDefault) {
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
    if (hostDefault != null) {
      String value = hostDefault.value();
      String shownDefault = key.type() == SettingKey.ValueType.URL ? ApiAddress.masked(value) : value;
      return new ResolvedSetting(key, value, hostDefault.source(), hostDefault.origin(),
          message + "; using the component's default " + (value.isEmpty() ? "(none)" : shownDefault));
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

  /** A switch's value read as the Go components read it ({@code true}, {@code 1}, {@code on}, ...); null if none. */
  static Boolean parseBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on", "t" -> Boolean.TRUE;
      case "false", "0", "no", "off", "f" -> Boolean.FALSE;
      default -> null;
    };
  }
}
