/**
 * The settings of {@code pulse}: flags, environment variables and the {@code --config} file, how
 * values are converted and checked, and how a command finds the settings in force ({@link CommandRoot}).
 */
package dev.pulse.cli.settings;
