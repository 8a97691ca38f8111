/**
 * {@code pulse completion}: the bash completion script of every command and option.
 */
package dev.pulse.cli.completion;
