/**
 * {@code pulse status} and {@code pulse send-test}: what a component with the SDK would do, and a test
 * event sent as it would send one.
 */
package dev.pulse.cli.status;
