package dev.pulse.cli.settings;

import java.util.function.Predicate;

/**
 * A message of the server's own checks, or of the free-space reserve of {@code import} and {@code generate},
 * with each hint that names a setting every way it could be given ("(--port or PULSE_PORT)", "(--tls-cert)",
 * "--min-free-disk (PULSE_MIN_FREE_DISK)") naming the one that gave the value instead, as {@link
 * Settings#naming} names a refused value: the flag, the environment variable or the key in the config
 * file; "the store URL" is named so too. A hint about a setting left at its default stays as it is: it
 * says how to set it.
 */
public final class SettingHints {

  private SettingHints() {}

  /**
   * {@code message} with its hints named by where each value came from; {@code flagGiven} says whether
   * the command line gave a key's flag.
   */
  public static String named(String message, Settings settings, Predicate<String> flagGiven) {
    String store = flagGiven.test("store") ? "--store" : settings.sourceOf("store");
    // The store's failures speak of "the store URL" (its host unknown, its database missing).
    String named = store == null ? message : message.replace("the store URL", "the store URL (" + store + ")");
    for (String key : Settings.KEYS) {
      String flag = "--" + key;
      String env = Settings.envName(key);
      if (!named.contains(flag)) {
        continue;
      }
      String source = flagGiven.test(key) ? flag : settings.sourceOf(key);
      if (source == null) {
        continue;
      }
      named = named.replace("(" + flag + " or " + env + ")", "(" + source + ")")
          .replace("(" + flag + ", " + env + ")", "(" + source + ")")
          .replace(flag + " (" + env + ")", source)
          .replace("(" + flag + ")", "(" + source + ")");
    }
    return named;
  }
}
