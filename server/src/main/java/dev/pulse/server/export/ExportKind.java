package dev.pulse.server.export;

import java.util.Optional;

/** The kinds of stored records, by their name in {@code /api/v1/export/{kind}}. */
public enum ExportKind {
  /** Component usage events. */
  EVENTS("events"),
  /** CLI command invocations. */
  CLI("cli"),
  /** Error reports. */
  ERRORS("errors");

  private final String pathName;

  ExportKind(String pathName) {
    this.pathName = pathName;
  }

  /** The name used in URLs and the {@code kind} parameter of an import. */
  public String pathName() {
    return pathName;
  }

  /** The kind of a path name, if any. */
  /**
   * Parses {@code events|cli|errors} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted kinds
   */
  public static ExportKind parse(String name) {
    return fromPathName(name == null ? null : name.strip().toLowerCase(java.util.Locale.ROOT))
        .orElseThrow(() -> new IllegalArgumentException("kind must be events, cli or errors, not " + name));
  }

  public static Optional<ExportKind> fromPathName(String name) {
    for (ExportKind kind : values()) {
      if (kind.pathName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
