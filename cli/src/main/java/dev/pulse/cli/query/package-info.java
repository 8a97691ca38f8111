/**
 * {@code pulse query}: one analysis, from a local data dir or a running server, printed as a table, CSV or JSON.
 */
package dev.pulse.cli.query;
