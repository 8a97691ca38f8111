package dev.pulse.server.store;

/**
 * The store refused records for their content (a value it cannot hold, a constraint they break),
 * not for its own state: retrying the same records cannot succeed. The HTTP layer answers it as a
 * client error, never "retry later". As a {@link StoreException}, a group commit that hits it retries
 * its requests one by one, so only the request that carries the content fails.
 */
public final class UnstorableContentException extends StoreException {

  public UnstorableContentException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnstorableContentException(String message) {
    super(message);
  }
}
