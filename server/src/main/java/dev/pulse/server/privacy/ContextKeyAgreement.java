package dev.pulse.server.privacy;

import dev.pulse.server.store.Claims;

/**
 * Keeps every server and tool of a store on the context key its contextIds were keyed with. The first
 * to open the store with a key leaves the key's {@linkplain ContextKeyer#check check} in it; a later
 * one holding another key is refused, for with it an install would be counted as a new one and an
 * erasure would miss the install's records.
 */
public final class ContextKeyAgreement {

  /** The claim that holds the check. */
  public static final String CLAIM = "context-key-check";

  private ContextKeyAgreement() {}

  /**
   * Checks that {@code keyer} holds the store's key; the first keyer to ask sets it.
   *
   * @throws ContextKeyMismatchException when the store's records were keyed with another key
   * @throws dev.pulse.server.store.StoreException when the store cannot say
   */
  public static void verify(Claims claims, ContextKeyer keyer) {
    if (!agrees(claims.claimValue(CLAIM, keyer.check()), keyer)) {
      throw new ContextKeyMismatchException();
    }
  }

  /** Whether records under the claimed {@code check} were keyed with {@code keyer}'s key. */
  public static boolean agrees(String check, ContextKeyer keyer) {
    return check.equals(keyer.check());
  }

  /** The store's records were keyed with another context key than this one. */
  public static final class ContextKeyMismatchException extends RuntimeException {

    ContextKeyMismatchException() {
      super("the store's contextIds were keyed with another context key than this one (an install would count"
          + " as new, an erasure would miss its records): set PULSE_CONTEXT_KEY (or context-key) to the key of the"
          + " servers that wrote them, or put their context.key in the data dir (docs/privacy.md)");
    }
  }
}
