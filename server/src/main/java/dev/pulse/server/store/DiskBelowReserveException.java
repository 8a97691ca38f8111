package dev.pulse.server.store;

/**
 * New records refused because the disk of the data dir has less free space than the store keeps
 * ({@code --min-free-disk}): unlike a busy or unreachable store, a retry helps only once space is freed.
 */
public final class DiskBelowReserveException extends StoreException {

  private final long freeBytes;
  private final long minFreeBytes;

  public DiskBelowReserveException(String message, long freeBytes, long minFreeBytes) {
    super(message);
    this.freeBytes = freeBytes;
    this.minFreeBytes = minFreeBytes;
  }

  /** The refusal for an HTTP client: the figures and what helps, without the data dir's path. */
  public String forClients() {
    return "the disk of the server's data dir has " + freeBytes + " bytes free, less than the " + minFreeBytes
        + " bytes the store keeps free (--min-free-disk): nothing of this request was stored; send it again"
        + " once space is freed on that disk";
  }
}
