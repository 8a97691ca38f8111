package dev.pulse.server.store.duckdb;

import java.util.List;

/** What to do about a database file DuckDB cannot open because it is damaged, cut short or foreign. */
final class DamagedFile {

  /** DuckDB's words for such a file: damaged blocks, a file cut short (a copy a full disk ended), another format. */
  private static final List<String> SIGNS =
      List.of("Corrupt database file", "Could not read enough bytes", "not a valid DuckDB database file");

  private DamagedFile() {}

  /** The way out, as a sentence to append to the failure's message; empty for any other failure. */
  static String wayOut(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (SIGNS.stream().anyMatch(message::contains)) {
      return ". The file is damaged or is no Pulse store: restore the data dir from a backup"
          + " (docs/operations.md, Backups), or give another data dir";
    }
    return "";
  }
}
