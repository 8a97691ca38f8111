package dev.pulse.client.config;

import java.util.List;

/**
 * A flag, system property or environment variable that looks meant for telemetry but names no setting.
 *
 * @param warning what the SDK logs and {@code pulse status} prints about it
 * @param turnsOff the switch it is honoured as turned off (a near miss of a switch's name set to
 *     anything but a true value), or null when it changes nothing
 * @param source where it was found
 * @param origin the exact name it was found under
 */
record MisspeltName(String warning, SettingKey turnsOff, SettingSource source, String origin) {

  /**
   * Turns off, in {@code resolved} (in {@link SettingKey} order), each switch a misspelt name in
   * {@code misspelt} (in precedence order) asks to turn off, whatever turned it on: an opt-out is
   * honoured even misspelt, and even against a correctly spelled setting that says otherwise.
   */
  static void turnOff(List<ResolvedSetting> resolved, List<MisspeltName> misspelt) {
    for (MisspeltName name : misspelt) {
      SettingKey key = name.turnsOff();
      if (key != null && !"false".equals(resolved.get(key.ordinal()).value())) {
        resolved.set(key.ordinal(), new ResolvedSetting(key, "false", name.source(), name.origin(), ""));
      }
    }
  }
}
