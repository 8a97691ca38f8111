package dev.pulse.server.store.duckdb;

import static dev.pulse.server.store.Records.error;
import static dev.pulse.server.store.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/** The DuckDB appenders that write applied records, on a real in-memory database. */
class RecordWriterTest {

  @Test
  void aResetThatFailedPartwayIsDoneAgainBeforeTheNextWriteSoTheFirstAttemptAfterTheCauseSucceeds()
      throws Exception {
    NativeLibrary.load();
    try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      new Migrations(Migrations.DEFAULT_INDEX).apply(connection);
      String errorReports = scalar(statement, "SELECT sql FROM duckdb_tables() WHERE table_name = 'error_reports'");
      RecordWriter writer = new RecordWriter(connection);
      statement.execute("DROP TABLE error_reports");
      // As after a failed apply: the table an appender needs is gone, so replacing them stops partway.
      assertThatThrownBy(writer::reset).isInstanceOf(SQLException.class).hasMessageContaining("error_reports");

      statement.execute(errorReports);
      statement.execute("BEGIN TRANSACTION");
      writer.write(new RecordBatch(List.of(event("back", EventType.ACTIVE, 1)), List.of(), List.of(error("back"))), 1);
      statement.execute("COMMIT");

      assertThat(scalar(statement, "SELECT count(*) FROM component_events")).isEqualTo("1");
      assertThat(scalar(statement, "SELECT count(*) FROM error_reports")).isEqualTo("1");
      writer.close();
    }
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
