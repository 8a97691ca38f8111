package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A role without the rights the store needs is told which it lacks, and what to do: CREATE on the schema
 * at a first start, the right to read and write the tables of a store there already, the tables' owner
 * to migrate them to a new release.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresRoleRightsTest {

  @Test
  void aRoleWithoutCreateOnTheSchemaIsToldToUseTheOwnerOrBeGrantedCreate() throws Exception {
    StoreLocation.Postgres owner = EmbeddedPostgresServer.newDatabase();
    String role = weakRole(owner);
    try (Connection connection = EmbeddedPostgresServer.adminConnection(owner);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'w'");
      statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    }
    StoreLocation.Postgres weak = new StoreLocation.Postgres(owner.jdbcUrl(), role, "w");

    assertThatThrownBy(() -> PostgresEventStore.open(weak))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot open the store, " + weak + ": the role " + role + " may not create tables in the"
            + " database's schema (permission denied for schema public): run the first start with the schema's"
            + " owner role, or grant this role CREATE on that schema");
  }

  @Test
  void aRoleThatMayCreateButNotUseTheTablesOfAStoreIsToldToBeGrantedTheirUseNotCreate() throws Exception {
    StoreLocation.Postgres owner = EmbeddedPostgresServer.newDatabase();
    PostgresEventStore.open(owner).close(); // a store there already, the owner's
    String role = weakRole(owner);
    try (Connection connection = EmbeddedPostgresServer.adminConnection(owner);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'w'");
      statement.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + role);
    }
    StoreLocation.Postgres weak = new StoreLocation.Postgres(owner.jdbcUrl(), role, "w");

    assertThatThrownBy(() -> PostgresEventStore.open(weak))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot open the store, " + weak + ": the role " + role + " may not read or write the store's"
            + " tables (permission denied for table flyway_schema_history): grant it SELECT, INSERT, UPDATE, DELETE"
            + " on the store's tables and USAGE, UPDATE on its sequences (docs/storage.md), or give the store URL"
            + " the role that owns them");

    try (Connection connection = EmbeddedPostgresServer.adminConnection(owner);
        Statement statement = connection.createStatement()) {
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
      statement.execute("GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role);
    }
    PostgresEventStore.open(weak).close(); // the advice was enough
  }

  @Test
  void aRoleThatMayUseButNotOwnTheTablesOfAnOlderStoreIsToldToMigrateItAsTheirOwner() throws Exception {
    StoreLocation.Postgres owner = EmbeddedPostgresServer.newDatabase();
    // A store of an older release, whose next migration drops an index of the owner's (V14).
    Flyway.configure().dataSource(owner.jdbcUrl(), owner.user(), owner.password())
        .locations("classpath:db/postgresql").target("13").load().migrate();
    String role = weakRole(owner);
    try (Connection connection = EmbeddedPostgresServer.adminConnection(owner);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'w'");
      statement.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + role);
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
      statement.execute("GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role);
    }
    StoreLocation.Postgres weak = new StoreLocation.Postgres(owner.jdbcUrl(), role, "w");

    assertThatThrownBy(() -> PostgresEventStore.open(weak))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot open the store, " + weak + ": the role " + role + " may not migrate the store's schema"
            + " to this release (must be owner of index rollup_feature_day_latest_any): run this release's first"
            + " start with the role that owns the store's tables; later starts may use this one");
  }

  /** A role name of its own for the database's test: roles are the whole server's. */
  private static String weakRole(StoreLocation.Postgres database) {
    return "weak_" + database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('_') + 1);
  }
}
