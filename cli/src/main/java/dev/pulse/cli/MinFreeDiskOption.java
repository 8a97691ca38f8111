package dev.pulse.cli;

import picocli.CommandLine.Option;

/**
 * {@code --min-free-disk}, the free space the embedded store keeps on its disk: one setting for the
 * commands that write it ({@code serve}, {@code import}, {@code generate}).
 */
final class MinFreeDiskOption {

  @Option(
      names = "--min-free-disk",
      defaultValue = "256MiB",
      converter = ByteSize.class,
      description = "Free space the embedded store keeps on the data dir's disk, so that it never fills: below it serve refuses new records (503) and /readyz fails, and import and generate stop between batches, keeping those before. Bytes, or with KiB, MiB, GiB, TiB; less than the disk's size; 0 turns it off (PULSE_MIN_FREE_DISK; default ${DEFAULT-VALUE}).")
  long bytes;
}
