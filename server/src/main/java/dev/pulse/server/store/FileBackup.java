package dev.pulse.server.store;

import java.nio.file.Path;

/**
 * A consistent copy of an embedded store's database file, taken while the store serves: what a
 * stopped server restores from, rollups included. A database server's store has none: its own tools
 * back it up. Implementations are thread-safe.
 */
public interface FileBackup {

  /**
   * Writes the copy to {@code file}, which must not exist. It holds every record acknowledged before
   * the call (and maybe some acknowledged during it); appends and reads go on meanwhile. On failure
   * nothing is left at {@code file}.
   *
   * @return the copy's size in bytes
   * @throws NotEnoughDiskException when the disk of {@code file} has no room for the copy beside the
   *     store's free-space reserve (nothing was written), or filled up while it was written
   * @throws StoreException when the copy failed otherwise (the store failed)
   */
  long writeTo(Path file);

  /** The copy would not fit, or did not fit, on its disk; the message says so in figures or in the disk's words. */
  final class NotEnoughDiskException extends StoreException {
    public NotEnoughDiskException(String message) {
      super(message, null);
    }
  }
}
