package dev.pulse.cli.store;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.server.store.StoreException;

/**
 * What is said of a store whose close could not fold DuckDB's write-ahead log ({@code pulse.duckdb.wal})
 * into its file, a full disk's usual casualty: the committed records are kept in that log, which the
 * next open applies. One wording for the loads ({@code import}, {@code generate}), which fail, and for
 * the commands that read or erase, whose result stands.
 */
public final class UnfoldedLog {

  /** Where the records are, and what becomes of them. */
  private static final String KEPT = " in that log, which the store applies when it next opens";

  private UnfoldedLog() {}

  /**
   * A load's failure at the close after its last batch: {@code why} ("folding DuckDB's write-ahead log ...
   * failed: the disk of ... is full"), then that {@code committed} ("The 5000 records imported") are
   * committed and kept (in the log when {@code embedded}), then {@code whatToDo}.
   */
  public static CliFailure afterLastBatch(StoreException why, String committed, boolean embedded, String whatToDo) {
    return CliFailure.failure("stopped after the last batch: " + CliFailure.firstLine(why) + ". " + committed
        + " committed and kept" + (embedded ? KEPT : "") + ": " + whatToDo, why);
  }

  /** The line of a command that read or erased, whose result stands: nothing is lost. */
  static String note(StoreException why) {
    return CliFailure.firstLine(why) + ". Nothing is lost: the records are kept" + KEPT
        + "; once that is fixed, a later close folds it in.";
  }
}
