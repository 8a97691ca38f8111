package dev.pulse.server.analytics;

import dev.pulse.schema.Suggestions;
import java.util.List;
import java.util.Locale;

/** How active installs are broken down: not at all, by component type or by version. */
public enum Breakdown {
  NONE,
  COMPONENT,
  VERSION;

  /**
   * Parses the API's {@code by} parameter ({@code component|version}; absent, {@code null}, or empty
   * is NONE).
   *
   * @throws BadParameterException for any other value
   */
  public static Breakdown parse(String by) {
    if (by == null || by.isBlank()) { // given empty, as an HTML form sends it, is left out
      return NONE;
    }
    switch (by.strip().toLowerCase(Locale.ROOT)) {
      case "component":
        return COMPONENT;
      case "version":
        return VERSION;
      default:
        throw new BadParameterException("by", "must be component or version, not " + BadParameterException.quoted(by)
            + Suggestions.question(by.strip(), List.of("component", "version")));
    }
  }
}
