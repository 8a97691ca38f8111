package dev.pulse.server.erasure;

import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.web.ErrorMessages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an erasure (or its dry run) found for one id: which form of the id matched stored records,
 * and what was removed, or would be.
 *
 * @param contextId the id as given
 * @param matched how it matched, {@link Match#NONE} when nothing is stored under either form
 * @param dryRun whether nothing was removed on purpose
 * @param report removed (or, in a dry run, removable) records per kind
 */
public record ErasureOutcome(String contextId, Match matched, boolean dryRun, ErasureReport report) {

  /** The form of the id that named stored records. */
  public enum Match {
    /** The contextId as the install computes it ({@code pulse status}), re-keyed as ingestion does. */
    CONTEXT_ID("contextId", "its contextId (re-keyed with this server's key)"),
    /** The contextId as stored, re-keyed already: as an export shows it. */
    STORED_KEY("storedKey", "a stored contextId (as exports show it)"),
    /** Neither form names a stored record. */
    NONE("none", "nothing");

    private final String apiName;
    private final String description;

    Match(String apiName, String description) {
      this.apiName = apiName;
      this.description = description;
    }

    /** The value of {@code "matched"} in the API answer. */
    public String apiName() {
      return apiName;
    }

    /** The API name's match, for a client reading the answer. */
    public static Match ofApiName(String name) {
      for (Match match : values()) {
        if (match.apiName.equals(name)) {
          return match;
        }
      }
      throw new IllegalArgumentException("unknown match: " + name);
    }
  }

  public ErasureOutcome {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(matched, "matched");
    Objects.requireNonNull(report, "report");
  }

  /** Whether the id named any stored record. */
  public boolean found() {
    return matched != Match.NONE;
  }

  /** One line for a person: what was (or would be) removed and how the id matched. */
  public String describe() {
    if (!found()) {
      return notFoundMessage(contextId);
    }
    long derived = report.derivedRows();
    String counts = RecordKind.EVENTS.counted(report.events()) + ", "
        + RecordKind.CLI_COMMANDS.counted(report.cliCommands()) + ", " + RecordKind.ERRORS.counted(report.errors())
        + " and " + derived + (derived == 1 ? " aggregated row" : " aggregated rows") + " of install " + contextId;
    String how = " (matched as " + matched.description + ")";
    return dryRun ? "would remove " + counts + how + "; nothing was removed (dry run)" : "removed " + counts + how;
  }

  /** The answer of {@code DELETE /api/v1/installs/{contextId}} for a found install. */
  public Map<String, Object> toJson() {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("events", report.events());
    counts.put("cliCommands", report.cliCommands());
    counts.put("errors", report.errors());
    counts.put("derivedRows", report.derivedRows());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contextId", contextId);
    body.put("matched", matched.apiName());
    body.put("dryRun", dryRun);
    body.put(dryRun ? "wouldRemove" : "removed", counts);
    return body;
  }

  /** The message when neither form of {@code contextId} names a stored record. */
  public static String notFoundMessage(String contextId) {
    return "no records of install " + ErrorMessages.cut(contextId) + ": it is neither a contextId"
        + " (as `pulse status` prints it)"
        + " nor a stored contextId (as an export shows it) of this server; nothing was removed";
  }
}
