/**
 * Where an admin command acts: a running server ({@code --server} and its token), whose answers are read
 * in our words, or the store itself ({@code --data-dir}, {@code --store}).
 */
package dev.pulse.cli.access;
