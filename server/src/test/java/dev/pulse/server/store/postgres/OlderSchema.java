package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreLocation;
import org.flywaydb.core.Flyway;

/** New databases at an older schema version, for the tests of migrating them. */
final class OlderSchema {

  private OlderSchema() {}

  /** A new database migrated up to {@code version}, as a store of that release left it. */
  static StoreLocation.Postgres databaseAt(String version) {
    StoreLocation.Postgres location = EmbeddedPostgresServer.newDatabase();
    Flyway.configure().dataSource(location.jdbcUrl(), location.user(), location.password())
        .locations("classpath:db/postgresql").target(version).load().migrate();
    return location;
  }
}
