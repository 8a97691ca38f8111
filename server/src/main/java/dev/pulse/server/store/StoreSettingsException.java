package dev.pulse.server.store;

/**
 * The store cannot be opened with the settings given: the database named does not exist, or it
 * refuses the role or the password. Retrying with the same settings cannot help; other settings can.
 * A usage mistake, as {@link NoStoreException} is, not a failure of the store.
 */
public final class StoreSettingsException extends StoreException {

  public StoreSettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
