package dev.pulse.server.privacy;

import dev.pulse.server.store.Claims;
import java.util.function.BooleanSupplier;

/**
 * Keeps every server and tool of a store on the context key its contextIds were keyed with. The first
 * to open the store with a key leaves the key's {@linkplain ContextKeyer#check check} in it; a later
 * one holding another key is refused, for with it an install would be counted as a new one and an
 * erasure would miss the install's records.
 */
public final class ContextKeyAgreement {

  /** The claim that holds the check. */
  public static final String CLAIM = "context-key-check";

  private static final String ANOTHER_KEY = "the store's contextIds were keyed with another context key than this"
      + " one (an install would count as new, an erasure would miss its records): set PULSE_CONTEXT_KEY (or"
      + " context-key) to the key of the servers that wrote them, or put their context.key in the data dir"
      + " (docs/privacy.md)";
  private static final String NONE_GIVEN = "the store holds records keyed with a context key, and none was given"
      + " (no PULSE_CONTEXT_KEY or context-key, no context.key in the data dir): set PULSE_CONTEXT_KEY to the key of"
      + " the server the records came from, or put its context.key in the data dir; if that key is lost,"
      + " docs/privacy.md (A lost context key) says how to go on with a new one";

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

  /**
   * As {@link #verify}, for a server whose key was made at this start because none was given: a store
   * that already holds records, or whose check is another key's, was keyed with a key this server lacks,
   * and is refused before the new key is recorded in it (else the imported or restored installs would
   * count as new, and no later start could use their key).
   *
   * @throws ContextKeyMismatchException when the store holds records or another key's check
   * @throws dev.pulse.server.store.StoreException when the store cannot say
   */
  public static void verifyMadeNow(Claims claims, ContextKeyer keyer, BooleanSupplier holdsRecords) {
    if (holdsRecords.getAsBoolean() || !agrees(claims.claimValue(CLAIM, keyer.check()), keyer)) {
      throw new ContextKeyMismatchException(NONE_GIVEN);
    }
  }

  /** Whether records under the claimed {@code check} were keyed with {@code keyer}'s key. */
  public static boolean agrees(String check, ContextKeyer keyer) {
    return check.equals(keyer.check());
  }

  /** The store's records were keyed with another context key than this one, or one that none was given for. */
  public static final class ContextKeyMismatchException extends RuntimeException {

    ContextKeyMismatchException() {
      this(ANOTHER_KEY);
    }

    private ContextKeyMismatchException(String message) {
      super(message);
    }
  }
}
