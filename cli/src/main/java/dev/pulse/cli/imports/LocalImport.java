package dev.pulse.cli.imports;

import dev.pulse.cli.access.Target;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.store.DataDirs;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.cli.store.MinFreeDiskOption;
import dev.pulse.cli.store.UnfoldedLog;
import dev.pulse.server.imports.ImportException;
import dev.pulse.server.imports.ImportResult;
import dev.pulse.server.imports.NdjsonImporter;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.web.GzipFailures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code pulse import} into the store of {@code --data-dir} or {@code --store}, opened directly: the
 * file loaded through the store's bulk path in batches of {@code --batch-size}, each committed whole,
 * then the store closed. An embedded store the import made (its data dir was not there) is removed
 * again when the import stops with nothing stored in it.
 */
final class LocalImport {

  private final Target target;
  private final MinFreeDiskOption minFreeDisk;
  private final int batchSize;

  /** The data dir of the embedded store this import makes, or null: it was there (or the store is PostgreSQL). */
  private final Path made;

  /** Whether the import stopped with nothing stored in the store of {@link #made}, which then goes too. */
  private boolean nothingStored;

  /**
   * An import into {@code target}'s store. Its location is checked here, before anything is opened: a
   * wrong URL is a usage mistake.
   */
  LocalImport(Target target, MinFreeDiskOption minFreeDisk, int batchSize) {
    this.target = target;
    this.minFreeDisk = minFreeDisk;
    this.batchSize = batchSize;
    this.made = target.keyedLocation() instanceof StoreLocation.DuckDb duckDb && !Files.exists(duckDb.dataDir())
        && !Files.isSymbolicLink(duckDb.dataDir()) ? duckDb.dataDir() : null;
  }

  /**
   * Imports into the store of --data-dir or --store, which a stop signal then halts ({@link ImportStop}); given a
   * context key ({@code keyer}), the store's check agrees with it first, or is recorded.
   */
  ImportResult importFrom(BufferedReader input, RecordKind recordKind, ImportStop stop, ContextKeyer keyer)
      throws IOException {
    try (BufferedReader lines = input; // before the store: a bad input creates no data dir
        BulkLoader loader = openLoader(keyer)) {
      stop.loading(loader);
      ImportResult result;
      try {
        result = new NdjsonImporter(loader, batchSize).importFrom(lines, recordKind);
      } catch (UncheckedIOException | StoreException e) {
        nothingStored = made != null && loader.halt(ImportStop.COMMIT_WAIT_SECONDS) == 0;
        throw e;
      }
      // Folded now, so that the next query or the server's first refresh finds them ready.
      loader.refreshRollups();
      closeAfterLastBatch(loader, result);
      return result;
    } catch (UncheckedIOException e) {
      if (GzipFailures.isGzipFailure(e)) {
        throw ImportInput.notGzip(e, "batches");
      }
      throw e;
    } catch (StoreException e) {
      // The store refused a batch (a full disk, below --min-free-disk, a database gone): those
      // committed before it stay, so a rerun resumes.
      throw CliFailure.failure("stopped: " + CliFailure.firstLine(e) + ". The batches imported before it are kept:"
          + " once that is fixed, run the same import again; records already present are skipped.", e);
    }
  }

  /** After an import stopped at a line: the store it made goes if none of its batches was committed. */
  void stoppedAt(ImportException e) {
    nothingStored = e.committed().imported() == 0;
    removeMadeIfEmpty();
  }

  /** Removes the data dir this import made if it stopped with nothing stored: no empty store is left behind. */
  void removeMadeIfEmpty() {
    if (made != null && nothingStored) {
      DataDirs.delete(made);
    }
  }

  /** The store to load into; one that cannot be opened, or keyed with another key, leaves no data dir it made. */
  private BulkLoader openLoader(ContextKeyer keyer) {
    try {
      return LocalStore.openLoader(target.store(), target.dataDir(), minFreeDisk.bytes, LocalStore.IMPORTER_ADVICE,
          keyer);
    } catch (RuntimeException e) {
      nothingStored = true;
      removeMadeIfEmpty();
      throw e;
    }
  }

  /**
   * Closes the store once every batch is committed, before the import is said to be done: a close that
   * fails (DuckDB's checkpoint on a full disk) is a failure, telling what the committed batches hold.
   */
  private void closeAfterLastBatch(BulkLoader loader, ImportResult committed) {
    try {
      loader.close();
    } catch (StoreException e) {
      throw UnfoldedLog.afterLastBatch(e, String.format(Locale.ROOT, "The %,d records imported (%,d skipped as already"
          + " present) are", committed.imported(), committed.skipped()),
          target.keyedLocation() instanceof StoreLocation.DuckDb,
          "once that is fixed, run the same import again; records already present are skipped.");
    }
  }
}
