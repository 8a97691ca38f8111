package dev.pulse.server.erasure;

import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import java.util.Objects;

/**
 * Erases every record of one install, raw and aggregated, given the contextId as the install itself
 * computes it ({@code pulse status} prints it). The store only knows re-keyed ids, so the id is
 * re-keyed first, exactly as ingestion does.
 */
public final class Erasure {

  /** The longest contextId accepted (ingestion's limit for ids). */
  public static final int MAX_CONTEXT_ID_LENGTH = 256;

  private final EventStore store;
  private final ContextKeyer keyer;

  public Erasure(EventStore store, ContextKeyer keyer) {
    this.store = Objects.requireNonNull(store, "store");
    this.keyer = Objects.requireNonNull(keyer, "keyer");
  }

  /**
   * Removes the install's records and reports what was removed.
   *
   * @throws IllegalArgumentException naming the problem when the contextId is blank or too long
   */
  public ErasureReport erase(String contextId) {
    if (contextId == null || contextId.isBlank()) {
      throw new IllegalArgumentException("contextId must not be blank");
    }
    if (contextId.length() > MAX_CONTEXT_ID_LENGTH) {
      throw new IllegalArgumentException(
          "contextId must be at most " + MAX_CONTEXT_ID_LENGTH + " characters, got " + contextId.length());
    }
    return store.erase(keyer.rekey(contextId.strip()));
  }
}
