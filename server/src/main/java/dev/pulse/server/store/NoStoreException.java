package dev.pulse.server.store;

/**
 * The place a command that only reads or erases was pointed at holds no Pulse store (a database
 * without Pulse's schema): nothing was created there. A usage mistake, not a failure of the store.
 */
public final class NoStoreException extends StoreException {

  public NoStoreException(String message) {
    super(message);
  }
}
