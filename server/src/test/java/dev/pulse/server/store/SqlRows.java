package dev.pulse.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Query results as text, to compare with a text block in store tests. */
public final class SqlRows {

  private SqlRows() {}

  /** One line per row, its columns separated by a space (NULL as {@code null}), each line ended. */
  public static String lines(Statement statement, String query) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (ResultSet rows = statement.executeQuery(query)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int c = 1; c <= columns; c++) {
          text.append(c == 1 ? "" : " ").append(rows.getString(c));
        }
        text.append('\n');
      }
    }
    return text.toString();
  }
}
