package dev.pulse.server.store;

import java.util.Optional;

/**
 * The store could not be reached (connection refused or lost, server shutting down, no connection
 * available in time): an outage rather than something wrong with the records, so retrying the same
 * records one by one cannot help. The PostgreSQL group commit opens its breaker on it.
 */
public class StoreUnavailableException extends StoreException {

  private final boolean maybeKept;
  private final String forClients;

  /**
   * @param maybeKept true when the connection was lost while the commit itself was under way, so the
   *     records may have been committed; false when they surely were not
   */
  public StoreUnavailableException(String message, Throwable cause, boolean maybeKept) {
    this(message, cause, maybeKept, null);
  }

  /**
   * As {@link #StoreUnavailableException(String, Throwable, boolean)}, with what a client of the API is
   * told of an outage only its operator can end ({@link #forClients}).
   */
  public StoreUnavailableException(String message, Throwable cause, boolean maybeKept, String forClients) {
    super(message, cause);
    this.maybeKept = maybeKept;
    this.forClients = forClients;
  }

  /**
   * Why the store cannot answer, for a client of the API, when it is more than an outage that passes:
   * the database refuses the server's login, which waiting will not end until its operator acts.
   */
  public Optional<String> forClients() {
    return Optional.ofNullable(forClients);
  }

  /** Whether the records may have been committed after all (the commit's outcome is unknown). */
  public boolean maybeKept() {
    return maybeKept;
  }
}
