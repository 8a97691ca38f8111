package dev.pulse.server.store;

import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of raw record, each kept in its own table (the same table names in every store) and
 * named in {@code /api/v1/export/{kind}} and an import's {@code kind}. Retention is set per kind.
 */
public enum RecordKind {
  /** Component usage events. */
  EVENTS("component_events", "events", "event", "events"),
  /** CLI command invocations. */
  CLI_COMMANDS("cli_commands", "cli", "CLI command", "CLI commands"),
  /** Error reports. */
  ERRORS("error_reports", "errors", "error", "errors");

  private final String table;
  private final String pathName;
  private final String one;
  private final String many;

  RecordKind(String table, String pathName, String one, String many) {
    this.table = table;
    this.pathName = pathName;
    this.one = one;
    this.many = many;
  }

  /** The kind's records as a person names them: "events", "CLI commands", "errors". */
  public String plural() {
    return many;
  }

  /** {@code n} records of this kind, as a person reads it: "1 event", "3 CLI commands". */
  public String counted(long n) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
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
    return find(name)
        .orElseThrow(() -> new IllegalArgumentException("kind must be events, cli or errors, not " + name));
  }

  /** The kind {@code name} names as {@link #parse} reads it, if it names one. */
  public static Optional<RecordKind> find(String name) {
    return fromPathName(name == null ? null : name.strip().toLowerCase(Locale.ROOT));
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
