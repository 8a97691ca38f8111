/**
 * The store opened directly by a command (the embedded DuckDB in a data dir, or PostgreSQL): opening,
 * restoring, its log folded at close, the data dir's checks and the free space it keeps.
 */
package dev.pulse.cli.store;
