package dev.pulse.server.store.postgres;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.util.Optional;

/** The store shared by several servers, whole: a PostgreSQL database and its rollups. */
public final class PostgresStorage implements Storage {

  private final PostgresEventStore events;

  private PostgresStorage(PostgresEventStore events) {
    this.events = events;
  }

  /**
   * Connects, migrates the schema to the newest version and returns the open store.
   *
   * @throws StoreException when the database cannot be used
   */
  public static PostgresStorage open(StoreLocation.Postgres location) {
    return new PostgresStorage(PostgresEventStore.open(location));
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public AnalyticsSource analytics() {
    return events.rollups();
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
