package dev.pulse.server.store;

/**
 * The three kinds of raw record, each kept in its own table (the same table names in every store).
 * Retention is set per kind.
 */
public enum RecordKind {
  EVENTS("component_events"),
  CLI_COMMANDS("cli_commands"),
  ERRORS("error_reports");

  private final String table;

  RecordKind(String table) {
    this.table = table;
  }

  /** The raw table that holds this kind. */
  public String table() {
    return table;
  }
}
