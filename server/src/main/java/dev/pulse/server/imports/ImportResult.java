package dev.pulse.server.imports;

/**
 * What an import did: records added, and records skipped because the store already had them
 * (same identity, see {@link RecordIdentity}).
 */
public record ImportResult(long imported, long skipped) {

  /** Nothing read yet. */
  public static final ImportResult NONE = new ImportResult(0, 0);

  public ImportResult {
    if (imported < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "counts must be non-negative: imported=" + imported + ", skipped=" + skipped);
    }
  }

  /** Both counts added. */
  public ImportResult plus(ImportResult other) {
    return new ImportResult(imported + other.imported, skipped + other.skipped);
  }
}
