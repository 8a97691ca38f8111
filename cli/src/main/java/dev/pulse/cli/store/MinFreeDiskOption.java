package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.ByteSize;
import dev.pulse.cli.settings.SettingHints;
import dev.pulse.cli.settings.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --min-free-disk}, the free space the embedded store keeps on its disk: one setting for the
 * commands that write it ({@code serve}, {@code import}, {@code generate}).
 */
public final class MinFreeDiskOption {

  /** The bytes to keep free, as given or defaulted. */
  @Option(
      names = "--min-free-disk",
      defaultValue = "256MiB",
      converter = ByteSize.class,
      description = "Free space the embedded store keeps on the data dir's disk, so that it never fills:"
          + " below it serve refuses new records (503) and /readyz fails, and import and generate stop"
          + " between batches, keeping those before. Bytes, or with KiB, MiB, GiB, TiB; less than the"
          + " disk's size; 0 turns it off (PULSE_MIN_FREE_DISK; default ${DEFAULT-VALUE}).")
  public long bytes;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * {@code failure} with the setting named by where its value came from ({@link SettingHints}): "--min-free-disk
   * (PULSE_MIN_FREE_DISK)" becomes the flag, the environment variable or the config file's key that gave it.
   */
  public CliFailure named(CliFailure failure) {
    return failure.reworded(SettingHints.named(failure.getMessage(), Settings.of(command),
        key -> command.commandLine().getParseResult().hasMatchedOption("--" + key)));
  }
}
