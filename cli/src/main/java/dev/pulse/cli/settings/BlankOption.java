package dev.pulse.cli.settings;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * An option given an empty value ({@code --from ''}, often an unset shell variable): refused, since
 * the command would otherwise read it as the option left out and answer for a range or a set the
 * user did not ask for.
 */
public final class BlankOption {

  private BlankOption() {}

  /**
   * Refuses {@code value} when it is blank, saying what the option wants and what leaving it out means:
   * {@code --from: '' is not a date YYYY-MM-DD; leave --from out for no bound}.
   */
  public static void refuse(CommandSpec spec, String option, String value, String wanted, String leftOut) {
    if (value != null && value.isBlank()) {
      throw new ParameterException(spec.commandLine(), option + ": '" + value + "' is not " + wanted
          + "; leave " + option + " out for " + leftOut);
    }
  }
}
