package dev.pulse.schema;

import java.util.Objects;

/** One CLI command invocation ({@code input CLITelemetry}). */
public record CliTelemetry(CliIdentifier identifier, CliCommand command) {

  public CliTelemetry {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(command, "command");
  }
}
