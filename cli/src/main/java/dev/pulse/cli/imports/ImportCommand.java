package dev.pulse.cli.imports;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.store.DataDirs;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.cli.store.MinFreeDiskOption;
import dev.pulse.cli.store.UnfoldedLog;
import dev.pulse.cli.access.Target;
import dev.pulse.server.imports.ImportException;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.imports.ImportResult;
import dev.pulse.server.imports.NdjsonImporter;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pulse import}: loads an NDJSON export into a store through its bulk path, keeping receive
 * times; records the store already has are skipped.
 */
@Command(name = "import",
    customSynopsis = {
      "pulse import [OPTIONS] KIND FILE",
      "       pulse import [OPTIONS] --kind=KIND FILE"
    },
    description = "Loads records written by `pulse export` into a store, keeping receivedAt and contextIds.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  pulse import events events.ndjson --data-dir pulse-data",
      "  pulse import events events.ndjson.gz --server http://pulse.internal:8080",
      "  pulse import cli cli.ndjson --store 'postgresql://db/pulse?user=pulse&password=..'",
      "  pulse import events.ndjson --kind events --data-dir pulse-data   (the kind as an option, as before)"
    })
public final class ImportCommand implements Callable<Integer> {

  /**
   * Records per transaction (per request with {@code --server}) unless {@code --batch-size} says
   * fewer: large enough for appender speed, small enough to bound memory. Also the largest allowed.
   */
  static final int BATCH = 50_000;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..2", paramLabel = "[KIND] FILE",
      description = "What the file holds (events, cli or errors, as `pulse export KIND` wrote it), then the"
          + " NDJSON file, or - for stdin.")
  List<String> arguments;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "The kind, given as an option instead: events, cli or errors.")
  String kindOption;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + BATCH,
      description = "Records per transaction into a store, or per request with --server: 1 to " + BATCH
          + " (default ${DEFAULT-VALUE}). Lower it for shorter transactions on a busy PostgreSQL, less"
          + " memory, or less work lost when an import stops.")
  int batchSize;

  /** {@code --server} and {@code --token}, or the store: {@code --data-dir} (no server may run on it), {@code --store}. */
  @Mixin Target target;

  @Mixin MinFreeDiskOption minFreeDisk;

  /** The data dir of the embedded store this import makes, or null: it was there (or the store is PostgreSQL). */
  private Path made;

  /** Whether the import stopped with nothing stored in the store of {@link #made}, which then goes too. */
  private boolean nothingStored;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (arguments.size() > 2) {
      throw new ParameterException(spec.commandLine(), "unexpected argument '" + arguments.get(2)
          + "': pulse import takes the kind, then one file");
    }
    if (batchSize < 1 || batchSize > BATCH) {
      throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--batch-size %d is out of range:"
          + " give 1 to %,d records per transaction (or request)", batchSize, BATCH));
    }
    String file = arguments.get(arguments.size() - 1);
    RecordKind recordKind = recordKind();
    // Checked before the data dir is opened: a failed import creates no data dir. A pipe is read as a
    // file is (a shell's <(zcat events.ndjson.gz), /dev/stdin).
    if (!file.equals("-") && !Files.exists(Path.of(file))) {
      throw new ParameterException(spec.commandLine(), "FILE " + file + " does not exist");
    }
    if (!file.equals("-") && Files.isDirectory(Path.of(file))) {
      throw new ParameterException(spec.commandLine(), "FILE " + file
          + " is a directory: give the file an export wrote (pulse export KIND -o FILE)");
    }
    ContextKeyer keyer = null;
    if (!target.isRemote()) {
      // A wrong URL is a usage mistake, told before anything is opened; a key too short too.
      if (target.keyedLocation() instanceof StoreLocation.DuckDb duckDb && !Files.exists(duckDb.dataDir())
          && !Files.isSymbolicLink(duckDb.dataDir())) {
        made = duckDb.dataDir();
      }
      keyer = target.keyerIfAny(Settings.of(spec));
    }
    // Opened here, before the server is asked or the store opened: one that cannot be read is a usage mistake.
    BufferedReader input = open(file);
    ImportStop stop = ImportStop.install(spec.commandLine().getErr(), spec.qualifiedName());
    if (target.isRemote()) {
      try {
        ImportResult result = importRemotely(input, recordKind, stop);
        stop.ending();
        return imported(recordKind, result, target.server().strip());
      } catch (ImportException e) {
        stop.ending();
        return stopped(e, String.format(Locale.ROOT, "requests of up to %,d records", batchSize));
      } catch (IOException | RuntimeException e) {
        stop.ending();
        throw e;
      }
    }
    ImportResult result;
    try {
      result = importLocally(input, recordKind, stop, keyer);
    } catch (ImportException e) {
      stop.ending();
      nothingStored = e.committed().imported() == 0;
      removeMadeIfEmpty();
      return stopped(e, String.format(Locale.ROOT, "the batches of %,d", batchSize));
    } catch (CliFailure e) {
      stop.ending();
      removeMadeIfEmpty();
      throw minFreeDisk.named(e); // a reserve refused, or that stopped the import
    } catch (RuntimeException e) {
      stop.ending();
      removeMadeIfEmpty();
      throw e;
    }
    stop.ending();
    return imported(recordKind, result, where());
  }

  /** Sends the file to --server's import route; a stop signal tells what the answered requests imported. */
  private ImportResult importRemotely(BufferedReader input, RecordKind recordKind, ImportStop stop)
      throws IOException, InterruptedException {
    try (BufferedReader lines = input) {
      RemoteImport remote = new RemoteImport(target, recordKind, batchSize);
      stop.sending(remote::imported);
      return remote.importFrom(lines);
    } catch (IOException e) {
      if (GzipFailures.isGzipFailure(e)) {
        throw notGzip(e, "requests");
      }
      throw e;
    }
  }

  /**
   * Imports into the store of --data-dir or --store, which a stop signal then halts ({@link ImportStop}); given a
   * context key ({@code keyer}), the store's check agrees with it first, or is recorded.
   */
  private ImportResult importLocally(BufferedReader input, RecordKind recordKind, ImportStop stop, ContextKeyer keyer)
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
        throw notGzip(e, "batches");
      }
      throw e;
    } catch (StoreException e) {
      // The store refused a batch (a full disk, below --min-free-disk, a database gone): those
      // committed before it stay, so a rerun resumes.
      throw CliFailure.failure("stopped: " + CliFailure.firstLine(e) + ". The batches imported before it are kept:"
          + " once that is fixed, run the same import again; records already present are skipped.", e);
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

  /** Removes the data dir this import made if it stopped with nothing stored: no empty store is left behind. */
  private void removeMadeIfEmpty() {
    if (made != null && nothingStored) {
      DataDirs.delete(made);
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

  /** The input, open; a file that cannot be opened to read (permission, a socket) is a usage mistake. */
  private BufferedReader open(String file) throws IOException {
    try {
      return ImportInput.open(file);
    } catch (ImportInput.UnusableFileException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static CliFailure notGzip(Exception e, String parts) {
    return CliFailure.failure("stopped: the file is not valid gzip: " + GzipFailures.describe(e) + ". The " + parts
        + " imported before it are kept: with the file whole, run the same import again.", e);
  }

  /** The kind, given before FILE (as {@code pulse export} takes it) or with {@code --kind}: once. */
  private RecordKind recordKind() {
    if (arguments.size() == 1) {
      String only = arguments.get(0);
      if (kindOption == null) {
        throw new ParameterException(spec.commandLine(), RecordKind.find(only).isPresent()
            ? "give the file after the kind: pulse import " + only + " FILE"
            : "say what " + only + " holds: pulse import events|cli|errors " + only + " (or --kind)");
      }
      return parsed(kindOption, "--kind");
    }
    RecordKind kind = parsed(arguments.get(0), "KIND");
    if (kindOption != null && parsed(kindOption, "--kind") != kind) {
      throw new ParameterException(spec.commandLine(), "the kind is given twice, as " + arguments.get(0)
          + " and --kind " + kindOption + ": give it once");
    }
    return kind;
  }

  private RecordKind parsed(String name, String givenAs) {
    try {
      return RecordKind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), givenAs + ": " + e.getMessage());
    }
  }

  private int imported(RecordKind kind, ImportResult result, String where) {
    spec.commandLine().getOut().printf(Locale.ROOT, "imported %s into %s, skipped %,d already present%n",
        kind.counted(result.imported()), where, result.skipped());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private int stopped(ImportException e, String batches) {
    ImportResult committed = e.committed();
    spec.commandLine().getErr().println(String.format(Locale.ROOT, "%s: stopped at %s; %s and %,d skipped as already"
        + " present, in %s before it. Fix the line and run the same import again: records already present are skipped.",
        spec.qualifiedName(), e.getMessage(), ImportStop.recordsImported(committed.imported()), committed.skipped(),
        batches));
    return 1;
  }

  /** Where the records went, as the output names it: the data dir, or the database (no password). */
  private String where() {
    StoreLocation location = target.keyedLocation();
    return location instanceof StoreLocation.DuckDb duckDb ? duckDb.dataDir().toString() : location.toString();
  }
}
