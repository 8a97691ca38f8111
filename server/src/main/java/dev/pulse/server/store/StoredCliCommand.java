package dev.pulse.server.store;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import java.time.Instant;
import java.util.Objects;

/** A CLI command invocation as stored (contextId re-keyed). */
public record StoredCliCommand(Instant receivedAt, CliIdentifier identifier, CliCommand command)
    implements StoredRecord {

  public StoredCliCommand {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(command, "command");
  }
}
