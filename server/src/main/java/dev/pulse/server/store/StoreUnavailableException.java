package dev.pulse.server.store;

/**
 * The store could not be reached (connection refused or lost, server shutting down, no connection
 * available in time): an outage rather than something wrong with the records, so retrying the same
 * records one by one cannot help. The PostgreSQL group commit opens its breaker on it.
 */
public class StoreUnavailableException extends StoreException {

  private final boolean maybeKept;

  /**
   * @param maybeKept true when the connection was lost while the commit itself was under way, so the
   *     records may have been committed; false when they surely were not
   */
  public StoreUnavailableException(String message, Throwable cause, boolean maybeKept) {
    super(message, cause);
    this.maybeKept = maybeKept;
  }

  /** Whether the records may have been committed after all (the commit's outcome is unknown). */
  public boolean maybeKept() {
    return maybeKept;
  }
}
