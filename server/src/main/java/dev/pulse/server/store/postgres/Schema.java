package dev.pulse.server.store.postgres;

import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Pulse's schema in a PostgreSQL database: migrated with Flyway from {@code db/postgresql/}, whose
 * advisory lock makes concurrent starts safe.
 */
final class Schema {

  /** Flyway's record of the migrations applied; a database without it holds no Pulse store. */
  static final String HISTORY_TABLE = "flyway_schema_history";

  private Schema() {}

  /**
   * Migrates the schema to the newest version. With {@code existingOnly}, a database that holds no
   * Pulse store is refused before anything is created in it (a store at an older version is migrated,
   * as the embedded store is).
   *
   * @throws NoStoreException with {@code existingOnly}, when the database holds no Pulse store
   */
  static void migrate(DataSource pool, StoreLocation.Postgres location, boolean existingOnly) {
    if (existingOnly && !holdsStore(pool, location)) {
      throw new NoStoreException("the database at " + location.jdbcUrl() + " holds no Pulse store (no "
          + HISTORY_TABLE + " table): give --store the database of a Pulse server, or ask a running server"
          + " with --server");
    }
    Flyway.configure().dataSource(pool).locations("classpath:db/postgresql").load().migrate();
  }

  private static boolean holdsStore(DataSource pool, StoreLocation.Postgres location) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT to_regclass('" + HISTORY_TABLE + "') IS NOT NULL")) {
      rows.next();
      boolean holds = rows.getBoolean(1);
      connection.rollback();
      return holds;
    } catch (SQLException e) {
      throw ConnectionFailures.of("looking for Pulse's schema in " + location, e, false);
    }
  }
}
