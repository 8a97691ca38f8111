/**
 * The logging of {@code pulse}: the level and format chosen before the first logger exists, Logback
 * set up in code (a service's dated lines, or a command's own), and every line's client addresses masked.
 */
package dev.pulse.cli.logging;
