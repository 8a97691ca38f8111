/**
 * A command's failure in the user's words, with its exit code: what every other package throws.
 */
package dev.pulse.cli.failure;
