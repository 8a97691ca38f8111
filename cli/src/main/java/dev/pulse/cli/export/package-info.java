/**
 * {@code pulse export}: stored records as NDJSON, to standard output or a file, which is written
 * beside itself first and put in place whole ({@link dev.pulse.cli.output.PartFile}).
 */
package dev.pulse.cli.export;
