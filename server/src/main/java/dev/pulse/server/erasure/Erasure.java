package dev.pulse.server.erasure;

import dev.pulse.server.erasure.ErasureOutcome.Match;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Erases every record of one install, raw and aggregated. The install is named either by its
 * contextId as the install itself computes it ({@code pulse status} prints it), which is re-keyed
 * exactly as ingestion does, or by the contextId as stored (re-keyed already, as an export shows
 * it). The first form is tried first; the outcome says which matched. Both are 64 hex digits, so
 * the store is asked, not the format.
 */
public final class Erasure {

  /** The longest contextId accepted (ingestion's limit for ids). */
  public static final int MAX_CONTEXT_ID_LENGTH = 256;

  /** What {@link ContextKeyer#rekey} produces: lowercase hex SHA-256. */
  private static final Pattern STORED_KEY = Pattern.compile("[0-9a-fA-F]{64}");

  private final EventStore store;
  private final ContextKeyer keyer;

  public Erasure(EventStore store, ContextKeyer keyer) {
    this.store = Objects.requireNonNull(store, "store");
    this.keyer = Objects.requireNonNull(keyer, "keyer");
  }

  /**
   * Removes the install's records and reports what was removed; removes nothing when neither form
   * of the id matched ({@link ErasureOutcome#found()} is false).
   *
   * @throws IllegalArgumentException naming the problem when the contextId is blank or too long
   */
  public ErasureOutcome erase(String contextId) {
    return run(contextId, false);
  }

  /** What {@link #erase} would remove now, removing nothing. */
  public ErasureOutcome dryRun(String contextId) {
    return run(contextId, true);
  }

  private ErasureOutcome run(String contextId, boolean dryRun) {
    String id = validated(contextId);
    String rekeyed = keyer.rekey(id);
    ErasureReport found = store.erasable(rekeyed);
    Match matched = Match.CONTEXT_ID;
    String key = rekeyed;
    if (isEmpty(found) && STORED_KEY.matcher(id).matches()) {
      key = id.toLowerCase(Locale.ROOT);
      found = store.erasable(key);
      matched = Match.STORED_KEY;
    }
    if (isEmpty(found)) {
      return new ErasureOutcome(id, Match.NONE, dryRun, ErasureReport.NOTHING);
    }
    return new ErasureOutcome(id, matched, dryRun, dryRun ? found : store.erase(key));
  }

  private static boolean isEmpty(ErasureReport report) {
    return report.rawRecords() + report.derivedRows() == 0;
  }

  private static String validated(String contextId) {
    if (contextId == null || contextId.isBlank()) {
      throw new IllegalArgumentException("contextId must not be blank");
    }
    if (contextId.length() > MAX_CONTEXT_ID_LENGTH) {
      throw new IllegalArgumentException(
          "contextId must be at most " + MAX_CONTEXT_ID_LENGTH + " characters, got " + contextId.length());
    }
    return contextId.strip();
  }
}
