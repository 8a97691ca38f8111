package dev.pulse.server.store.duckdb;

import dev.pulse.server.store.NoStoreException;
import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations: SQL resources {@code V<n>__<name>.sql} listed in order in an index
 * resource (one file name per line), each applied once, in its own transaction, and recorded in
 * {@code schema_migrations}. A later release opens an older data dir by applying what is missing; a
 * data dir written by a newer release is refused rather than misread.
 */
final class Migrations {

  static final String DEFAULT_INDEX = "/db/duckdb/migrations.list";

  private final String index;

  Migrations(String index) {
    this.index = index;
  }

  /**
   * Applies every pending migration; returns the schema version now in force.
   *
   * @throws NoStoreException when the database holds tables but no record of Pulse's migrations:
   *     another program's database, left as it is
   */
  int apply(Connection connection) throws SQLException {
    List<Migration> known = load();
    refuseAnotherProgramsDatabase(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
              + "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
    }
    int current = currentVersion(connection);
    int newest = known.isEmpty() ? 0 : known.get(known.size() - 1).version();
    if (current > newest) {
      throw new StoreException(
          "the data dir has schema version " + current + " but this Pulse knows only up to " + newest
              + ": it was written by a newer release; upgrade Pulse to open it");
    }
    for (Migration migration : known) {
      if (migration.version() > current) {
        applyOne(connection, migration);
        current = migration.version();
      }
    }
    return current;
  }

  private static void refuseAnotherProgramsDatabase(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*),"
            + " count(*) FILTER (WHERE table_name = 'schema_migrations')"
            + " FROM information_schema.tables WHERE table_catalog = current_database()")) {
      rows.next();
      if (rows.getLong(1) > 0 && rows.getLong(2) == 0) {
        throw new NoStoreException("the database holds another program's tables and no Pulse store (no"
            + " schema_migrations table); Pulse changed nothing in it: give Pulse a data dir of its own");
      }
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void applyOne(Connection connection, Migration migration) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement();
        PreparedStatement record =
            connection.prepareStatement(
                "INSERT INTO schema_migrations VALUES (?, ?, current_timestamp::TIMESTAMP)")) {
      for (String sql : migration.statements()) {
        statement.execute(sql);
      }
      record.setInt(1, migration.version());
      record.setString(2, migration.name());
      record.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw new StoreException("migration " + migration.name() + " failed: " + e.getMessage(), e);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private List<Migration> load() {
    List<Migration> migrations = new ArrayList<>();
    for (String line : read(index).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      migrations.add(Migration.parse(name, read(siblingOf(index, name))));
    }
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
        throw new IllegalStateException(index + " must list migrations in increasing version order");
      }
    }
    return migrations;
  }

  private static String siblingOf(String resource, String name) {
    return resource.substring(0, resource.lastIndexOf('/') + 1) + name;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One migration file: its version, its name and its statements. */
  record Migration(int version, String name, List<String> statements) {

    static Migration parse(String name, String sql) {
      if (!name.matches("V\\d+__[A-Za-z0-9_]+\\.sql")) {
        throw new IllegalStateException("migration file name must be V<n>__<name>.sql: " + name);
      }
      int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : sql.split("\n")) {
        String code = stripComment(line);
        current.append(code).append('\n');
        if (code.strip().endsWith(";")) {
          statements.add(current.toString().strip());
          current.setLength(0);
        }
      }
      if (!current.toString().isBlank()) {
        statements.add(current.toString().strip());
      }
      return new Migration(version, name, List.copyOf(statements));
    }

    private static String stripComment(String line) {
      int comment = line.indexOf("--");
      return comment < 0 ? line : line.substring(0, comment);
    }
  }
}
