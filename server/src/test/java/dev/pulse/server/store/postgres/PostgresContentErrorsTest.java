package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.CommitObserver;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.ReadBack;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.UnstorableContentException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What PostgreSQL refuses for the records' content (SQLState classes 22 and 23) is an
 * {@link UnstorableContentException}, also through group commit, and stores nothing; a failure of the
 * database itself stays a plain {@link StoreException}, which may pass on a retry.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresContentErrorsTest {

  @ParameterizedTest(name = "{0}")
  // PostgreSQL's timestamps end in the year 294276: a data exception (SQLState class 22). Java's instants
  // go further than its days, at both ends.
  @ValueSource(strings = {"+300000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
      "-1000000000-01-01T00:00:00Z"})
  void aTimeOutOfPostgresRangeIsUnstorableContentAndOtherRequestsStillCommit(String receivedAt) {
    try (EventStore store =
        new GroupCommitStore(PostgresEventStore.open(EmbeddedPostgresServer.newDatabase()), CommitObserver.NONE)) {
      StoredEvent good = Records.event("i-good", EventType.ACTIVE, 1);
      StoredEvent farFuture = new StoredEvent(Instant.parse(receivedAt), good.component(), good.data());

      assertThatThrownBy(() -> store.append(RecordBatch.ofEvents(List.of(farFuture))))
          .isInstanceOf(UnstorableContentException.class)
          .hasMessageContaining("SQLState 22");
      store.append(RecordBatch.ofEvents(List.of(good)));

      assertThat(ReadBack.events(store)).containsExactly(good);
    }
  }

  @Test
  void onlyDataAndConstraintStatesAreContentErrors() {
    assertThat(ContentErrors.isContentError(new SQLException("bad", "22021"))).isTrue();
    assertThat(ContentErrors.isContentError(new SQLException("bad", "22P05"))).isTrue();
    assertThat(ContentErrors.isContentError(new SQLException("dup", "23505"))).isTrue();
    assertThat(ContentErrors.isContentError(new SQLException("gone", "08006"))).isFalse();
    assertThat(ContentErrors.isContentError(new SQLException("shutdown", "57P01"))).isFalse();
    assertThat(ContentErrors.isContentError(new SQLException("no state"))).isFalse();
  }
}
