/**
 * {@code pulse import}: JSON lines read from a file into the store, or sent to a running server, in
 * batches that a stop keeps and a rerun skips.
 */
package dev.pulse.cli.imports;
