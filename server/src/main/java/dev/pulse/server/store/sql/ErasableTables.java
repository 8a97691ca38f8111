package dev.pulse.server.store.sql;

import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.RecordKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables that {@link EventStore#erase} deletes from, read from a resource beside a store's
 * migrations ({@code db/<store>/erasable-tables.list}). It is data, not code, so that a migration
 * that adds a table keyed by install (a rollup, say) adds one line here in the same change and
 * erasure covers it without touching the store.
 *
 * <p>Format: one table per line, {@code <table> [<key column>]}; the key column defaults to
 * {@code context_key}. Blank lines and {@code #} comments are ignored.
 */
public final class ErasableTables {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  /** One table and the column that holds the re-keyed contextId. */
  public record Entry(String table, String keyColumn) {

    public Entry {
      requireIdentifier(table, "table");
      requireIdentifier(keyColumn, "keyColumn");
    }

    /** {@code SELECT count(*) FROM <table> WHERE <keyColumn> = ?}. */
    public String countSql() {
      return "SELECT count(*) FROM " + table + " WHERE " + keyColumn + " = ?";
    }

    /** {@code DELETE FROM <table> WHERE <keyColumn> = ?}. */
    public String deleteSql() {
      return "DELETE FROM " + table + " WHERE " + keyColumn + " = ?";
    }
  }

  private final List<Entry> entries;

  private ErasableTables(List<Entry> entries) {
    this.entries = entries;
  }

  /** Reads the list; fails if it is missing or malformed, or lacks one of the raw tables. */
  public static ErasableTables load(String resource) {
    List<Entry> entries = parse(resource, read(resource));
    for (RecordKind kind : RecordKind.values()) {
      if (entries.stream().noneMatch(e -> e.table().equals(kind.table()))) {
        throw new IllegalStateException(resource + " must list the raw table " + kind.table());
      }
    }
    return new ErasableTables(entries);
  }

  /** The tables, in the order listed. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Runs every delete on the connection's current transaction; the caller commits or rolls back.
   */
  public ErasureReport erase(Connection connection, String contextKey) throws SQLException {
    ErasureReport report = ErasureReport.NOTHING;
    for (Entry entry : entries) {
      try (PreparedStatement delete = connection.prepareStatement(entry.deleteSql())) {
        delete.setString(1, contextKey);
        report = report.plus(entry.table(), delete.executeUpdate());
      }
    }
    return report;
  }

  /** Counts what {@link #erase} would delete, deleting nothing. */
  public ErasureReport count(Connection connection, String contextKey) throws SQLException {
    ErasureReport report = ErasureReport.NOTHING;
    for (Entry entry : entries) {
      try (PreparedStatement count = connection.prepareStatement(entry.countSql())) {
        count.setString(1, contextKey);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          report = report.plus(entry.table(), rows.getLong(1));
        }
      }
    }
    return report;
  }

  static List<Entry> parse(String resource, String text) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      int comment = line.indexOf('#');
      String code = (comment < 0 ? line : line.substring(0, comment)).strip();
      if (code.isEmpty()) {
        continue;
      }
      String[] words = code.split("\\s+");
      if (words.length > 2) {
        throw new IllegalStateException(resource + ": expected '<table> [<key column>]', got: " + line);
      }
      entries.add(new Entry(words[0], words.length == 2 ? words[1] : "context_key"));
    }
    return List.copyOf(entries);
  }

  private static void requireIdentifier(String name, String field) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(field + " must be a lowercase SQL identifier: " + name);
    }
  }

  private static String read(String resource) {
    try (InputStream in = ErasableTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
