/**
 * The {@code pulse} command's entry point: the root command, which lists the subcommands and gives them
 * their settings ({@link dev.pulse.cli.settings.CommandRoot}), and the handling of their failures. Nothing
 * outside this package depends on it.
 */
package dev.pulse.cli;
