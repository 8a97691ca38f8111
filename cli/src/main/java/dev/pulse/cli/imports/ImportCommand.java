package dev.pulse.cli.imports;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.store.MinFreeDiskOption;
import dev.pulse.cli.access.Target;
import dev.pulse.server.imports.ImportException;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.imports.ImportResult;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.web.GzipFailures;
import java.io.BufferedReader;
import java.io.IOException;
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

  /**
   * {@code --server} and {@code --token}, or the store: {@code --data-dir} (no server may run on it),
   * {@code --store}.
   */
  @Mixin Target target;

  @Mixin MinFreeDiskOption minFreeDisk;

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
    LocalImport local = null;
    if (!target.isRemote()) {
      // A wrong URL is a usage mistake, told before anything is opened; a key too short too.
      local = new LocalImport(target, minFreeDisk, batchSize);
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
      result = local.importFrom(input, recordKind, stop, keyer);
    } catch (ImportException e) {
      stop.ending();
      local.stoppedAt(e);
      int code = stopped(e, String.format(Locale.ROOT, "the batches of %,d", batchSize));
      noteUnkeyed(keyer, e.committed());
      return code;
    } catch (CliFailure e) {
      stop.ending();
      local.removeMadeIfEmpty();
      throw minFreeDisk.named(e); // a reserve refused, or that stopped the import
    } catch (RuntimeException e) {
      stop.ending();
      local.removeMadeIfEmpty();
      throw e;
    }
    stop.ending();
    int code = imported(recordKind, result, where());
    noteUnkeyed(keyer, result);
    return code;
  }

  /** With no key given, records kept (all, or those before a stop) are tied to none: the servers must bring it. */
  private void noteUnkeyed(ContextKeyer keyer, ImportResult kept) {
    if (keyer == null && kept.imported() > 0) {
      // Nothing checked the records' key, nor left it in the store: the first server would make its own.
      spec.commandLine().getErr().println(spec.qualifiedName() + ": note: no context key was given"
          + " (PULSE_CONTEXT_KEY, context-key, or a "
          + ContextKeyFile.FILE_NAME + " in the data dir), so nothing ties these records to the key they were keyed"
          + " with: start every server of this store with the context key of the server they came from, or its"
          + " installs will count as new and an erasure will miss their records");
    }
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
        throw ImportInput.notGzip(e, "requests");
      }
      throw e;
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
    // A line of another kind is most often a whole file of it: the kind, not the line, is to change.
    String fix = e.getMessage().contains(": import it with the kind ") ? "Import the file with that kind"
        : "Fix the line and run the same import again";
    spec.commandLine().getErr().println(String.format(Locale.ROOT, "%s: stopped at %s; %s and %,d skipped as already"
        + " present, in %s before it. %s: records already present are skipped.",
        spec.qualifiedName(), e.getMessage(), ImportStop.recordsImported(committed.imported()), committed.skipped(),
        batches, fix));
    return 1;
  }

  /** Where the records went, as the output names it: the data dir, or the database (no password). */
  private String where() {
    StoreLocation location = target.keyedLocation();
    return location instanceof StoreLocation.DuckDb duckDb ? duckDb.dataDir().toString() : location.toString();
  }
}
