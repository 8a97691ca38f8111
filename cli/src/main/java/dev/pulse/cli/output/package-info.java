/**
 * Files a command writes for the user: {@link dev.pulse.cli.output.PartFile}, written beside its place
 * under a hidden name and put in place whole ({@code pulse export -o}, {@code pulse backup -o}).
 */
package dev.pulse.cli.output;
