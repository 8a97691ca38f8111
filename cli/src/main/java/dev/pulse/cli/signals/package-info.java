/**
 * Ctrl-C and SIGTERM for a command that says how it stopped ({@link dev.pulse.cli.signals.StopSignals}):
 * {@code serve}, {@code import}, {@code restore}.
 */
package dev.pulse.cli.signals;
