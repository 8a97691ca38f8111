/**
 * The logging of {@code pulse}: the level and format chosen before the first logger exists, Logback
 * set up in code, and every line's client addresses masked.
 */
package dev.pulse.cli.logging;
