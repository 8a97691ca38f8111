package dev.pulse.server.store.postgres;

import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoreSettingsException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulse's schema in a PostgreSQL database: migrated with Flyway from {@code db/postgresql/}, whose
 * advisory lock makes concurrent starts safe.
 */
final class Schema {

  /** Flyway's record of the migrations applied; a database without it holds no Pulse store. */
  static final String HISTORY_TABLE = "flyway_schema_history";

  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  /** SQLState insufficient_privilege. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** PostgreSQL's refusal of a table's or a sequence's use, which of the two. */
  private static final Pattern DENIED_OBJECT = Pattern.compile("permission denied for (table|sequence) .*");

  private Schema() {}

  /**
   * Migrates the schema to the newest version. With {@code existingOnly}, a database that holds no
   * Pulse store is refused before anything is created in it (a store at an older version is migrated,
   * as the embedded store is).
   *
   * @throws NoStoreException with {@code existingOnly}, when the database holds no Pulse store
   * @throws StoreSettingsException when the role may not create the tables, read and write them, or
   *     migrate them (the message says what to do)
   */
  static void migrate(DataSource pool, StoreLocation.Postgres location, boolean existingOnly) {
    if (existingOnly && !holdsStore(pool, location)) {
      throw new NoStoreException("the database at " + location.jdbcUrl() + " holds no Pulse store (no "
          + HISTORY_TABLE + " table): give --store the database of a Pulse server, or ask a running server"
          + " with --server");
    }
    try {
      MigrateResult result = Flyway.configure().dataSource(pool).locations("classpath:db/postgresql").load().migrate();
      if (result.migrationsExecuted > 0) {
        // Flyway's own notes are left out of the log (WARN and up only): one line says what changed.
        LOG.info("migrated the store's schema {} to V{} ({} migration{})",
            result.initialSchemaVersion == null ? "of an empty database" : "from V" + result.initialSchemaVersion,
            result.targetSchemaVersion, result.migrationsExecuted, result.migrationsExecuted == 1 ? "" : "s");
      }
    } catch (FlywayException e) {
      SQLException denied = deniedCause(e);
      if (denied == null) {
        throw e;
      }
      String role = location.user().isEmpty() ? "of the store URL" : location.user();
      throw new StoreSettingsException(deniedAdvice(role, firstLine(denied.getMessage())), e);
    }
  }

  /**
   * What to do about PostgreSQL's refusal {@code denied} of a migration's statement, by what it refused:
   * the schema (no tables may be created in it: a first start), a table or sequence of a store there
   * already (the role may not read or write it), or a change only the owner may make (a release's
   * migration of a store another role owns).
   */
  private static String deniedAdvice(String role, String denied) {
    Matcher object = DENIED_OBJECT.matcher(denied);
    if (object.matches()) {
      return "the role " + role + " may not read or write the store's " + object.group(1) + "s (" + denied
          + "): grant it SELECT, INSERT, UPDATE, DELETE on the store's tables and USAGE, UPDATE on its sequences"
          + " (docs/storage.md), or give the store URL the role that owns them";
    }
    if (denied.startsWith("must be owner of ")) {
      return "the role " + role + " may not migrate the store's schema to this release (" + denied + "): run"
          + " this release's first start with the role that owns the store's tables; later starts may use this one";
    }
    return "the role " + role + " may not create tables in the database's schema (" + denied + "): run the first"
        + " start with the schema's owner role, or grant this role CREATE on that schema";
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

  /** A refusal for lack of a privilege (SQLState 42501, insufficient_privilege) behind the failure. */
  private static SQLException deniedCause(Throwable failure) {
    return (SQLException) Causes.first(failure,
        t -> t instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState()));
  }

  /** PostgreSQL's message without its severity and the lines (position, where) after the first. */
  private static String firstLine(String message) {
    String text = String.valueOf(message).replaceFirst("^ERROR: ", "");
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
