package dev.pulse.server.store.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A data dir as an older release left it: the DuckDB file with the migrations of a test index only,
 * opened without the store (whose journal needs the newest schema). The caller closes it.
 */
final class OlderDataDir {

  private OlderDataDir() {}

  static Connection at(Path dataDir, String migrationIndex) throws Exception {
    Files.createDirectories(dataDir);
    Connection connection =
        DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve(DuckDbEventStore.FILE_NAME));
    try {
      new Migrations(migrationIndex).apply(connection);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
