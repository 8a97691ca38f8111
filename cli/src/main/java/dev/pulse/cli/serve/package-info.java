/**
 * {@code pulse serve} and {@code pulse demo}: the server started in this process, and how it stops on a
 * signal.
 */
package dev.pulse.cli.serve;
