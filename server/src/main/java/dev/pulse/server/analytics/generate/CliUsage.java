package dev.pulse.server.analytics.generate;

import dev.pulse.schema.CliCommand;
import java.util.List;
import java.util.SplittableRandom;

/** The command paths synthetic CLI users run, the common ones first. */
final class CliUsage {

  private static final CliCommand[] COMMANDS = {
    new CliCommand("network-mapper", "visualize", List.of()),
    new CliCommand("network-mapper", "export", List.of("--format")),
    new CliCommand("intents", "apply", List.of()),
    new CliCommand("intents", "list", List.of()),
    new CliCommand("network-mapper", "export", List.of("--format", "--output")),
    new CliCommand("login", "", List.of()),
    new CliCommand("clusters", "create", List.of("--name")),
    new CliCommand("intents", "apply", List.of("--dry-run")),
    new CliCommand("env", "update", List.of("add-labels")),
    new CliCommand("mapper", "reset", List.of()),
  };

  CliCommand pick(SplittableRandom random) {
    // Squaring a uniform draw favours the first entries.
    double u = random.nextDouble();
    return COMMANDS[(int) (u * u * COMMANDS.length)];
  }
}
