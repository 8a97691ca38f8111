package dev.pulse.server.store.postgres;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.FileBackup;
import dev.pulse.server.store.RetentionPeers;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.sql.StoredRecords;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The store shared by several servers, whole: a PostgreSQL database and its rollups. */
public final class PostgresStorage implements Storage {

  private final EventStore events;
  private final AnalyticsSource analytics;
  private final Claims claims;
  private final RetentionPeers peers;
  private final PostgresEventStore database;

  private PostgresStorage(EventStore events, PostgresEventStore database) {
    this.events = events;
    this.database = database;
    this.analytics = database.rollups();
    this.claims = new PostgresClaims(database.dataSource());
    this.peers = new PostgresRetentionPeers(database.dataSource());
  }

  /**
   * Connects, migrates the schema to the newest version and returns the open store, for one caller
   * at a time (a command, a bulk load).
   *
   * @throws StoreException when the database cannot be used
   */
  public static PostgresStorage open(StoreLocation.Postgres location) {
    PostgresEventStore events = PostgresEventStore.open(location);
    return new PostgresStorage(events, events);
  }

  /**
   * As {@link #open(StoreLocation.Postgres)}, for a command that only reads or erases: a database
   * that holds no Pulse store is refused and left as it was.
   *
   * @throws dev.pulse.server.store.NoStoreException when the database holds no Pulse store
   */
  public static PostgresStorage openExisting(StoreLocation.Postgres location) {
    PostgresEventStore events = PostgresEventStore.openExisting(location);
    return new PostgresStorage(events, events);
  }

  /**
   * As {@link #open(StoreLocation.Postgres)}, for a server's many concurrent appends: a {@link
   * GroupCommitStore} in front commits them in groups, telling {@code observer} of each.
   */
  public static PostgresStorage open(StoreLocation.Postgres location, CommitObserver observer) {
    PostgresEventStore events = PostgresEventStore.open(location);
    return new PostgresStorage(new GroupCommitStore(events, observer), events);
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public AnalyticsSource analytics() {
    return analytics;
  }

  /** In the database: one claim for all the servers sharing it. */
  @Override
  public Claims claims() {
    return claims;
  }

  /** In the database: every server sharing it says what it keeps, and prunes at the longest. */
  @Override
  public RetentionPeers retentionPeers() {
    return peers;
  }

  /** None: the database server minds its own disk. */
  @Override
  public boolean holdsRecords() {
    try (Connection connection = database.dataSource().getConnection()) {
      return StoredRecords.any(connection);
    } catch (SQLException e) {
      throw ConnectionFailures.of("asking whether the store holds records", e, false);
    }
  }

  @Override
  public Optional<DiskSpace> disk() {
    return Optional.empty();
  }

  /** None: PostgreSQL is backed up with its own tools (pg_dump, base backups). */
  @Override
  public Optional<FileBackup> backup() {
    return Optional.empty();
  }

  @Override
  public void close() {
    events.close();
  }
}
