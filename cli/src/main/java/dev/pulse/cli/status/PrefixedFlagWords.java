package dev.pulse.cli.status;

import dev.pulse.client.config.SettingKey;
import dev.pulse.schema.Suggestions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's notice of an unknown flag, as {@code send-test} and {@code status} tell it, when the flag is
 * a setting without {@code telemetry-} in its name given with it ({@code --telemetry-api-address},
 * {@code --telemetry-client-id}): the SDK suggests the {@code telemetry-} setting nearest in letters
 * ({@code --telemetry-enabled}), which no one meant; this names the setting's own flag ({@code --api-address}).
 */
final class PrefixedFlagWords {

  private static final String PREFIX = "telemetry-";
  private static final Pattern IGNORED =
      Pattern.compile("^(unknown flag --" + PREFIX + "([A-Za-z-]+).* is ignored; did you mean )--[\\w-]+\\?$");
  /** As many edits as the SDK counts a typo: {@code --telemetry-api-adress} is still {@code --api-address}. */
  private static final int MAX_EDITS = 2;

  private PrefixedFlagWords() {}

  /** {@code notice} with the flag probably meant, when it is such a notice; else {@code notice} as it is. */
  static String of(String notice) {
    Matcher ignored = IGNORED.matcher(notice);
    if (!ignored.matches()) {
      return notice;
    }
    String rest = ignored.group(2).toLowerCase(Locale.ROOT);
    for (SettingKey key : SettingKey.values()) {
      if (!key.key().startsWith(PREFIX) && Suggestions.distance(rest, key.key()) <= MAX_EDITS) {
        return ignored.group(1) + "--" + key.key() + "?";
      }
    }
    return notice;
  }
}
