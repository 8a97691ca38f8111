package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** How the store learns a lost COMMIT's fate, and which failures it counts as an outage. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class CommitOutcomeTest {

  @Test
  void tellsACommittedAnAbortedAndAnUnfinishedTransactionApart() throws Exception {
    try (PostgresEventStore store = PostgresEventStore.open(EmbeddedPostgresServer.newDatabase())) {
      DataSource pool = store.dataSource();
      try (Connection committed = pool.getConnection();
          Connection aborted = pool.getConnection();
          Connection open = pool.getConnection()) {
        long committedId = CommitOutcome.idOf(committed);
        committed.commit();
        long abortedId = CommitOutcome.idOf(aborted);
        aborted.rollback();
        long openId = CommitOutcome.idOf(open);

        assertThat(CommitOutcome.of(pool, committedId)).isEqualTo(CommitOutcome.COMMITTED);
        assertThat(CommitOutcome.of(pool, abortedId)).isEqualTo(CommitOutcome.ABORTED);
        assertThat(CommitOutcome.of(pool, openId)).isEqualTo(CommitOutcome.UNKNOWN);
        open.rollback();
      }
    }
  }

  @Test
  void aLostCommitIsLoggedInWordsWithTheRecordsCountedRight() {
    assertThat(CommitOutcome.lostCommit(CommitOutcome.commitOf(1), CommitOutcome.UNKNOWN)).isEqualTo(
        "commit of 1 record: connection lost during COMMIT; the database could not be asked whether it"
            + " committed (or it has not ended there yet)");
    assertThat(CommitOutcome.lostCommit(CommitOutcome.commitOf(2), CommitOutcome.ABORTED))
        .isEqualTo("commit of 2 records: connection lost during COMMIT; the database says it was rolled back");
  }

  @Test
  void countsLostConnectionsShutdownsAndPoolTimeoutsAsAnOutageButNotStatementErrors() {
    assertThat(ConnectionFailures.isOutage(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(ConnectionFailures.isOutage(new SQLException("refused", "08001"))).isTrue();
    assertThat(ConnectionFailures.isOutage(new SQLException("admin shutdown", "57P01"))).isTrue();
    assertThat(ConnectionFailures.isOutage(new SQLException("starting up", "57P03"))).isTrue();
    assertThat(ConnectionFailures.isOutage(new SQLTransientConnectionException("no connection"))).isTrue();
    assertThat(ConnectionFailures.isOutage(new RuntimeException(new SQLException("lost", "08003")))).isTrue();

    assertThat(ConnectionFailures.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(ConnectionFailures.isOutage(new SQLException("canceled", "57014"))).isFalse();
    assertThat(ConnectionFailures.isOutage(new SQLException("no state"))).isFalse();
  }
}
