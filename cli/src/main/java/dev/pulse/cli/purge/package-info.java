/**
 * {@code pulse purge}: erases every record of one install, raw and aggregated, through a server or in the
 * store.
 */
package dev.pulse.cli.purge;
