/**
 * {@code pulse backup} and {@code pulse restore}: a copy of the store, and that copy put in place as a
 * data dir's store.
 */
package dev.pulse.cli.backup;
