package dev.pulse.schema;

import java.util.Objects;

/** Who ran a CLI command ({@code input CLIIdentifier}). */
public record CliIdentifier(String version, String contextId, String cloudClientId) {

  public CliIdentifier {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(contextId, "contextId");
    cloudClientId = cloudClientId == null ? "" : cloudClientId;
  }

  public CliIdentifier withContextId(String newContextId) {
    return new CliIdentifier(version, newContextId, cloudClientId);
  }
}
