package dev.pulse.server.store.sql;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Questions about the raw tables as a whole, the same SQL on every store. */
public final class StoredRecords {

  private static final String ANY = Arrays.stream(RecordKind.values())
      .map(kind -> "EXISTS (SELECT 1 FROM " + kind.table() + ")")
      .collect(Collectors.joining(" OR ", "SELECT ", ""));

  private StoredRecords() {}

  /** Whether any raw table holds a row: one index or heap probe each, whatever their size. */
  public static boolean any(Connection connection) {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(ANY)) {
      row.next();
      return row.getBoolean(1);
    } catch (SQLException e) {
      throw new StoreException("asking whether the store holds records failed: " + e.getMessage(), e);
    }
  }
}
