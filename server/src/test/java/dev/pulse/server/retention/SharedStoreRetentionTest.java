package dev.pulse.server.retention;

import static dev.pulse.server.store.ReadBack.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresStorage;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Servers sharing a PostgreSQL store prune at the longest retention any of them keeps: one set to keep
 * less (a stray replica, a rolling change half done) deletes nothing another keeps, and says so; once
 * the server that keeps longer stops, the shorter retention applies.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class SharedStoreRetentionTest {

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aServerKeepingLessPrunesAtTheLongestRetentionOfTheServersSharingTheStore() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    Clock dayTen = Clock.fixed(Fixture.day(10), ZoneOffset.UTC);
    RetentionPolicy keepsThree = RetentionPolicy.builder().days(RecordKind.EVENTS, 3).build();
    try (PostgresStorage first = PostgresStorage.open(database);
        PostgresStorage second = PostgresStorage.open(database);
        CapturedLog log = CapturedLog.start()) {
      first.events().append(Fixture.overDays(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      RetentionPruner keepsNinety =
          RetentionPruner.create(first.events(), first.retentionPeers(), RetentionPolicy.defaults(), dayTen);
      RetentionPruner stray = RetentionPruner.create(second.events(), second.retentionPeers(), keepsThree, dayTen);

      assertThat(keepsNinety.pruneNow()).containsEntry(RecordKind.EVENTS, 0L);
      assertThat(stray.pruneNow()).as("the other server keeps events 90 days").containsEntry(RecordKind.EVENTS, 0L);
      assertThat(events(first.events())).hasSize(10);
      assertThat(log.text()).contains("retention: another server sharing this store keeps events 90 days, this one 3:"
          + " they are pruned at 90 days, the longest, until every server sets PULSE_RETENTION_EVENTS_DAYS alike");

      keepsNinety.close(); // it stops: what it kept no longer holds the other back
      assertThat(stray.pruneNow()).containsEntry(RecordKind.EVENTS, 7L);
      assertThat(events(first.events())).hasSize(3);
      stray.close();
    }
  }

  /** A server killed (it never said it stopped) holds the others back for a day after it last said, no longer. */
  @Test
  void aServerThatStoppedWithoutSayingSoCountsForADayAfterItLastSaid() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    Clock dayTen = Clock.fixed(Fixture.day(10), ZoneOffset.UTC);
    RetentionPolicy keepsThree = RetentionPolicy.builder().days(RecordKind.EVENTS, 3).build();
    try (PostgresStorage killed = PostgresStorage.open(database);
        PostgresStorage running = PostgresStorage.open(database)) {
      running.events().append(Fixture.overDays(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      // Said what it keeps, then was killed: never closed, so never forgotten by a clean stop.
      RetentionPruner.create(killed.events(), killed.retentionPeers(), RetentionPolicy.defaults(), dayTen).pruneNow();
      RetentionPruner stray = RetentionPruner.create(running.events(), running.retentionPeers(), keepsThree, dayTen);

      assertThat(stray.pruneNow()).as("within the day").containsEntry(RecordKind.EVENTS, 0L);
      try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
          Statement sql = admin.createStatement()) {
        sql.executeUpdate("UPDATE retention_peers SET said_at = now() - interval '25 hours'"
            + " WHERE events_days = 90");
      }
      assertThat(stray.pruneNow()).as("a day after it last said").containsEntry(RecordKind.EVENTS, 7L);
      stray.close();
    }
  }
}
