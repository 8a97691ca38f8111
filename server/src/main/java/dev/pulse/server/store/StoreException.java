package dev.pulse.server.store;

/** A store operation failed; the message says which and the cause says why. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
