package dev.pulse.server.imports;

import java.util.Locale;

/** The three kinds of stored records, as the export and the import name them. */
public enum RecordKind {
  EVENTS,
  CLI,
  ERRORS;

  /** Parses {@code events|cli|errors}. */
  public static RecordKind parse(String kind) {
    if (kind != null) {
      for (RecordKind k : values()) {
        if (k.name().equalsIgnoreCase(kind.strip())) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException("kind must be events, cli or errors, not " + kind);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
