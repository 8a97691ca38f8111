package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A first start with a role that may not create tables in its schema says so, and what to do. */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresRoleWithoutCreateTest {

  @Test
  void aRoleWithoutCreateOnTheSchemaIsToldToUseTheOwnerOrBeGrantedCreate() throws Exception {
    StoreLocation.Postgres owner = EmbeddedPostgresServer.newDatabase();
    String role = "weak_" + owner.jdbcUrl().substring(owner.jdbcUrl().lastIndexOf('_') + 1);
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
}
