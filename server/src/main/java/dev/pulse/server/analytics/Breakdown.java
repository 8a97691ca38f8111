package dev.pulse.server.analytics;

import java.util.Locale;

/** How active installs are broken down: not at all, by component type or by version. */
public enum Breakdown {
  NONE,
  COMPONENT,
  VERSION;

  /**
   * Parses the API's {@code by} parameter ({@code component|version}; absent, {@code null}, is NONE).
   *
   * @throws BadParameterException for any other value, an empty one included
   */
  public static Breakdown parse(String by) {
    if (by == null) {
      return NONE;
    }
    switch (by.strip().toLowerCase(Locale.ROOT)) {
      case "component":
        return COMPONENT;
      case "version":
        return VERSION;
      default:
        throw new BadParameterException("by", "must be component or version, not " + BadParameterException.quoted(by));
    }
  }
}
