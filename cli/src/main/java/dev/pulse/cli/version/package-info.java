/**
 * The version of {@code pulse}, from its jar's manifest.
 */
package dev.pulse.cli.version;
