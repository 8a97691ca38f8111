package dev.pulse.schema;

import java.util.List;
import java.util.Objects;

/**
 * A CLI command path ({@code input CLICommand}): {@code <program> <noun> <verb> [modifiers...]}. Never
 * arguments or results.
 */
public record CliCommand(String noun, String verb, List<String> modifiers) {

  public CliCommand {
    Objects.requireNonNull(noun, "noun");
    Objects.requireNonNull(verb, "verb");
    modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
  }
}
