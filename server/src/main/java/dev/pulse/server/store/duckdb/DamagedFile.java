package dev.pulse.server.store.duckdb;

import java.util.LinkedHashMap;
import java.util.Map;

/** What to do about a database file DuckDB cannot open because it is damaged, cut short or foreign. */
final class DamagedFile {

  /**
   * DuckDB's words for such a file (damaged blocks, a file cut short as a copy a full disk ended,
   * another format), and ours: DuckDB's repeat the path and the offsets, which pushed the way out
   * past what a one-line message shows.
   */
  private static final Map<String, String> SIGNS = new LinkedHashMap<>();

  static {
    SIGNS.put("Corrupt database file", "its blocks are damaged (a checksum does not match)");
    SIGNS.put("Could not read enough bytes", "it is cut short (it ends before its blocks do)");
    SIGNS.put("not a valid DuckDB database file", "it is not a DuckDB database");
  }

  private DamagedFile() {}

  /** Why DuckDB could not open the file, in our words when it is such a file; else DuckDB's message. */
  static String reason(Exception e) {
    String message = String.valueOf(e.getMessage());
    return SIGNS.entrySet().stream().filter(sign -> message.contains(sign.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(message);
  }

  /** The way out, as a sentence to append to the failure's message; empty for any other failure. */
  static String wayOut(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (SIGNS.keySet().stream().anyMatch(message::contains)) {
      return ". The file is damaged or is no Pulse store: restore the data dir from a backup"
          + " (docs/operations.md, Backups), or give another data dir";
    }
    return "";
  }
}
