package dev.pulse.server.store.sql;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * How a store tells the raw records a rollup refresh has not folded in yet from those it has. Each
 * refresh runs in one transaction: {@link #begin} finds the new records, the rollups are updated,
 * {@link #advance} moves the mark, and all of it commits together, so every raw record is folded
 * exactly once however refreshes and writers interleave.
 */
public interface Watermark {

  /**
   * The raw records a refresh folds in, as a condition on raw rows aliased {@code r}.
   *
   * @param predicate the condition
   * @param first whether nothing was ever folded: the refresh may then roll up everything in one pass
   * @param records how many raw records match
   * @param mark the value {@link #advance} stores when the refresh commits
   */
  record Range(String predicate, boolean first, long records, long mark) {}

  /**
   * Called first in a refresh's transaction (a store that has several writers serializes refreshes
   * here); empty when nothing is new.
   */
  Optional<Range> begin(Statement statement) throws SQLException;

  /** Records that the range is folded in, in the same transaction. */
  void advance(Statement statement, Range range) throws SQLException;

  /** A condition on raw rows (unaliased) that holds for those already folded in, and may be pruned. */
  String folded(Statement statement) throws SQLException;
}
