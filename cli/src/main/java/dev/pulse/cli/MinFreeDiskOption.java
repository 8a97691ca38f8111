package dev.pulse.cli;

import picocli.CommandLine.Option;

/**
 * {@code --min-free-disk} of the commands that load into the embedded store ({@code import},
 * {@code generate}): the same setting as {@code serve}'s, read between batches.
 */
final class LoadReserveOption {

  @Option(
      names = "--min-free-disk",
      defaultValue = "256MiB",
      converter = ByteSize.class,
      description = "Free space kept on the data dir's disk: below it the load stops between batches, keeping those before, instead of filling the disk. Bytes, or with KiB, MiB, GiB; 0 turns it off; the embedded store only (PULSE_MIN_FREE_DISK; default ${DEFAULT-VALUE}).")
  long bytes;
}
