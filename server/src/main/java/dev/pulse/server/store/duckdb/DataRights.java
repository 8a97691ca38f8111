package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.duckdb.journal.WriteAhead;
import dev.pulse.server.store.sql.ErasableTables;
import dev.pulse.server.store.sql.SqlAnalyticsSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * The embedded store's data rights: erasing an install, and pruning raw records for their age. Both
 * wait for what was acknowledged, then run on the writer connection under the writer lock, so they
 * serialize with applies; each is one short transaction. Both then close the journal segment that may
 * hold the deleted records, so that it is deleted once applied instead of keeping them.
 */
final class DataRights {

  private static final ErasableTables ERASABLE = ErasableTables.load("/db/duckdb/erasable-tables.list");

  private final WriteTransactions writes;
  private final WriteAhead writeAhead;
  private final Clock clock;
  private final SqlAnalyticsSource rollups;

  DataRights(WriteTransactions writes, WriteAhead writeAhead, Clock clock, SqlAnalyticsSource rollups) {
    this.writes = writes;
    this.writeAhead = writeAhead;
    this.clock = clock;
    this.rollups = rollups;
  }

  /** What erasing the install of {@code contextKey} would delete, counted on {@code connection}. */
  static ErasureReport erasable(Connection connection, String contextKey) throws SQLException {
    return ERASABLE.count(connection, contextKey);
  }

  /** Erases the install of {@code contextKey} from every table, raw and rolled up. */
  ErasureReport erase(String contextKey) {
    writeAhead.awaitApplied();
    ErasureReport report = writes.run("erasure", writer -> ERASABLE.erase(writer, contextKey));
    writeAhead.removedBefore(clock.instant());
    return report;
  }

  /** Folds what is new into the rollups first, then deletes only raw records they hold. */
  long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
    }
    rollups.refresh();
    long pruned = writes.run(
        "pruning " + kind.table(), writer -> Pruning.prune(writer, kind, cutoff, maxRecords));
    writeAhead.removedBefore(cutoff);
    return pruned;
  }
}
