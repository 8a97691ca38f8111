package dev.pulse.server.store.postgres;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.CommitObserver;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.util.Optional;

/** The store shared by several servers, whole: a PostgreSQL database and its rollups. */
public final class PostgresStorage implements Storage {

  private final EventStore events;
  private final AnalyticsSource analytics;

  private PostgresStorage(EventStore events, AnalyticsSource analytics) {
    this.events = events;
    this.analytics = analytics;
  }

  /**
   * Connects, migrates the schema to the newest version and returns the open store, for one caller
   * at a time (a command, a bulk load).
   *
   * @throws StoreException when the database cannot be used
   */
  public static PostgresStorage open(StoreLocation.Postgres location) {
    PostgresEventStore events = PostgresEventStore.open(location);
    return new PostgresStorage(events, events.rollups());
  }

  /**
   * As {@link #open(StoreLocation.Postgres)}, for a server's many concurrent appends: a {@link
   * GroupCommitStore} in front commits them in groups, telling {@code observer} of each.
   */
  public static PostgresStorage open(StoreLocation.Postgres location, CommitObserver observer) {
    PostgresEventStore events = PostgresEventStore.open(location);
    return new PostgresStorage(new GroupCommitStore(events, observer), events.rollups());
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public AnalyticsSource analytics() {
    return analytics;
  }

  /** None: the database server minds its own disk. */
  @Override
  public Optional<DiskSpace> disk() {
    return Optional.empty();
  }

  @Override
  public void close() {
    events.close();
  }
}
