package dev.pulse.cli.serve;

import dev.pulse.cli.settings.SettingHints;
import dev.pulse.cli.settings.Settings;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How {@code pulse serve} names a setting in what it tells: by where its value was given, its flag,
 * its {@code PULSE_} variable or its key in the config file.
 */
final class WhereGiven {

  private final CommandSpec spec;

  WhereGiven(CommandSpec spec) {
    this.spec = spec;
  }

  /** A message of the server's checks, its settings named by where their values came from ({@link SettingHints}). */
  String named(String message) {
    return SettingHints.named(message, Settings.of(spec), this::flagGiven);
  }

  /** Whether the setting of {@code key} was given by its flag on the command line. */
  boolean flagGiven(String key) {
    return spec.commandLine().getParseResult().hasMatchedOption("--" + key);
  }

  /** Where the setting of {@code key} was given: its flag, its variable, or its key in the config file. */
  String of(String key) {
    String source = flagGiven(key) ? "--" + key : Settings.of(spec).sourceOf(key);
    return source != null ? source : "the settings";
  }
}
