package dev.pulse.server.store;

/**
 * What {@link EventStore#erase} removed: raw records per kind, and rows of derived tables (rollups)
 * that were keyed by the same install.
 */
public record ErasureReport(long events, long cliCommands, long errors, long derivedRows) {

  /** Nothing removed. */
  public static final ErasureReport NOTHING = new ErasureReport(0, 0, 0, 0);

  public ErasureReport {
    if (events < 0 || cliCommands < 0 || errors < 0 || derivedRows < 0) {
      throw new IllegalArgumentException(
          "counts must be non-negative: events=" + events + ", cliCommands=" + cliCommands
              + ", errors=" + errors + ", derivedRows=" + derivedRows);
    }
  }

  /** A report of raw records only. */
  public ErasureReport(long events, long cliCommands, long errors) {
    this(events, cliCommands, errors, 0);
  }

  /** Raw records removed, all kinds. */
  public long rawRecords() {
    return events + cliCommands + errors;
  }

  /** This report with {@code rows} more removed from {@code table}. */
  public ErasureReport plus(String table, long rows) {
    if (table.equals(RecordKind.EVENTS.table())) {
      return new ErasureReport(events + rows, cliCommands, errors, derivedRows);
    }
    if (table.equals(RecordKind.CLI_COMMANDS.table())) {
      return new ErasureReport(events, cliCommands + rows, errors, derivedRows);
    }
    if (table.equals(RecordKind.ERRORS.table())) {
      return new ErasureReport(events, cliCommands, errors + rows, derivedRows);
    }
    return new ErasureReport(events, cliCommands, errors, derivedRows + rows);
  }
}
