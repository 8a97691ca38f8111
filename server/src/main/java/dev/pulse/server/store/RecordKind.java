package dev.pulse.server.store;

import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of raw record, each kept in its own table (the same table names in every store) and
 * named in {@code /api/v1/export/{kind}} and an import's {@code kind}. Retention is set per kind.
 */
public enum RecordKind {
  /** Component usage events. */
  EVENTS("component_events", "events"),
  /** CLI command invocations. */
  CLI_COMMANDS("cli_commands", "cli"),
  /** Error reports. */
  ERRORS("error_reports", "errors");

  private final String table;
  private final String pathName;

  RecordKind(String table, String pathName) {
    this.table = table;
    this.pathName = pathName;
  }

  /** The raw table that holds this kind. */
  public String table() {
    return table;
  }

  /** The name used in URLs and the {@code kind} parameter of an import. */
  public String pathName() {
    return pathName;
  }

  /**
   * Parses {@code events|cli|errors} (case-insensitive, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the accepted kinds
   */
  public static RecordKind parse(String name) {
    return fromPathName(name == null ? null : name.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new IllegalArgumentException("kind must be events, cli or errors, not " + name));
  }

  /** The kind of an exact path name, if any. */
  public static Optional<RecordKind> fromPathName(String name) {
    for (RecordKind kind : values()) {
      if (kind.pathName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
