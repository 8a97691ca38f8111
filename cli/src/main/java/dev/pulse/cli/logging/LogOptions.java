package dev.pulse.cli.logging;

import picocli.CommandLine.Option;

/**
 * {@code --log-level} and {@code --log-format} for the commands that serve. {@link LogSettings} reads
 * them from the command line before picocli does, since logging starts first; here they are declared
 * so that picocli takes them and {@code --help} lists them.
 */
public final class LogOptions {

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "trace, debug, info, warn, error or off (PULSE_LOG_LEVEL; default info).")
  String level;

  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "text, or json: one JSON object per line (PULSE_LOG_FORMAT; default text).")
  String format;
}
