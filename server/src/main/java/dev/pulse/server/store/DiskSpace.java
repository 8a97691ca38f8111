package dev.pulse.server.store;

/**
 * The free space an embedded store keeps on the disk of its data dir: below the reserve it refuses new
 * records. What the server watches (metrics, readiness); a database server's store has none.
 *
 * <p>Implementations are thread-safe.
 */
public interface DiskSpace {

  /** The default reserve: 256 MiB, room for a full apply backlog and a DuckDB checkpoint. */
  long DEFAULT_MIN_FREE_BYTES = 256L << 20;

  /** The free bytes on the disk (usable by this process), as last read. */
  long freeBytes();

  /** Whether the free space is below the reserve. */
  boolean isLow();

  /** The reserve in bytes (0: none). */
  long minFreeBytes();
}
