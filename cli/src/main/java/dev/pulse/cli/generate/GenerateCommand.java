package dev.pulse.cli.generate;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.cli.store.MinFreeDiskOption;
import dev.pulse.cli.store.StoreChoice;
import dev.pulse.cli.store.UnfoldedLog;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pulse generate}: a synthetic data set written straight into a store through its bulk path,
 * then rolled up, with its progress on stderr.
 */
@Command(name = "generate",
    description = "Writes a realistic synthetic data set (installs, upgrades, churn, CLI use, errors) into a store.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  pulse generate --installs 1000 --days 90 --data-dir pulse-data",
      "  pulse generate --installs 1000 --days 90 --store 'postgresql://db/pulse?user=pulse&password=..'"
    })
public final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--installs", required = true, description = "number of installs (clusters)")
  int installs;

  @Option(names = "--days", required = true, description = "number of UTC days, ending with --last-day")
  int days;

  @Option(names = "--data-dir", defaultValue = "pulse-data",
      description = "the data dir of the embedded store to write into (PULSE_DATA_DIR; default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "Store URL, e.g. postgresql://host/db?user=.. (PULSE_STORE);"
          + " default: the embedded store in the data dir.")
  String store;

  @Mixin MinFreeDiskOption minFreeDisk;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default 1): same seed, same data")
  long seed;

  @Option(names = "--last-day",
      description = "the last day, YYYY-MM-DD (default: today, UTC; ending today, nothing is later than now)")
  LocalDate lastDay;

  @Option(names = {"-q", "--quiet"},
      description = "no progress on stderr (default: a bar on a terminal, else a line at every tenth of the days)")
  boolean quiet;

  @Override
  public Integer call() {
    if (installs < 1) {
      throw new ParameterException(spec.commandLine(), "--installs must be at least 1, got " + installs);
    }
    if (days < 1 || days > 3660) {
      throw new ParameterException(spec.commandLine(), "--days must be 1 to 3660 (ten years), got " + days);
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (lastDay != null && lastDay.isAfter(today)) {
      throw new ParameterException(spec.commandLine(), "--last-day " + lastDay + " is after today (" + today
          + ", UTC): give today or an earlier day");
    }
    LocalDate last = lastDay != null ? lastDay : today;
    DataSetGenerator.Settings settings = DataSetGenerator.Settings.of(installs, days, last, seed);
    if (last.equals(today)) {
      settings = settings.until(Instant.now()); // nothing "received" later today than now
    }
    // A --data-dir the store would leave unused is refused.
    boolean embedded = StoreChoice.of(spec, store, dataDir, false) instanceof StoreLocation.DuckDb;
    try (BulkLoader loader = openLoader()) {
      if (loader.holdsRecords()) {
        throw CliFailure.usage("the store (" + loader + ") already holds records: a generated data set is"
            + " written into an empty one (the same seed would write the same records twice); give an empty"
            + " --data-dir or a new database");
      }
      GeneratedStoreKey.record(spec, loader, dataDir, embedded);
      // A stop (Ctrl-C, SIGTERM) or a failure leaves part of the data set, which no later run completes.
      Thread partial = new Thread(() -> {
        spec.commandLine().getErr().println("pulse generate: stopped before the data set was whole; the store ("
            + loader + ") holds part of it: give an empty --data-dir (or database) and run pulse generate again");
        spec.commandLine().getErr().flush();
      }, "pulse-generate-partial");
      Runtime.getRuntime().addShutdownHook(partial);
      Generated generated = generate(spec, loader, settings, GenerateProgress.choose(quiet));
      Runtime.getRuntime().removeShutdownHook(partial); // whole, even should the close fail
      closeAfterLastBatch(loader, generated, embedded);
      spec.commandLine().getErr().println(generated.line());
      spec.commandLine().getErr().flush();
    } catch (StoreException e) {
      // A full disk, below the reserve, a database gone: said as such (the hook above then says what the store holds).
      throw minFreeDisk.named(CliFailure.failure("stopped: " + CliFailure.firstLine(e), e));
    }
    return 0;
  }

  /** The store to write into; a reserve no disk could keep is refused, named by where it was given. */
  private BulkLoader openLoader() {
    try {
      return LocalStore.openLoader(store, dataDir, minFreeDisk.bytes, LocalStore.WRITER_ADVICE);
    } catch (CliFailure e) {
      throw minFreeDisk.named(e);
    }
  }

  /**
   * Closes the store once the data set is whole, before it is said to be generated: a close that fails
   * (DuckDB's fold of its log on a full disk) is a failure, telling that the data set is kept; {@code embedded}:
   * the store is DuckDB's.
   */
  private void closeAfterLastBatch(BulkLoader loader, Generated generated, boolean embedded) {
    try {
      loader.close();
    } catch (StoreException e) {
      DataSetGenerator.Summary summary = generated.summary();
      throw UnfoldedLog.afterLastBatch(e, "The whole data set (" + counts(summary) + ") is",
          embedded,
          "once that is fixed, serve the store as it is: it holds the whole data set, and needs no generate again.");
    }
  }

  /** What {@link #generate} wrote, and the line that says so. */
  public record Generated(DataSetGenerator.Summary summary, String line) {}

  /**
   * Generates and rolls up, showing progress on stderr; shared with {@code pulse demo}. Returns what
   * was generated, with the line that says so for the caller to print once the store is closed.
   */
  public static Generated generate(CommandSpec spec, BulkLoader loader, DataSetGenerator.Settings settings,
      GenerateProgress progress) {
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    DataSetGenerator.Summary summary = new DataSetGenerator(settings.withBatchSize(loader.batchSize()))
        .writeTo(loader::load, progress.onto(err, start));
    loader.flush();
    double loading = (System.nanoTime() - start) / 1e9;
    if (progress != GenerateProgress.NONE) {
      err.println("rolling up..."); // a line of its own: a first build logs its progress after it
      err.flush();
    }
    long rollupStart = System.nanoTime();
    loader.refreshRollups();
    double rollingUp = (System.nanoTime() - rollupStart) / 1e9;
    return new Generated(summary, String.format(Locale.ROOT, "generated %s into %s in %.1f s"
            + " (%,d records/s written; rollups %.1f s)",
        counts(summary), loader, loading + rollingUp, Math.round(summary.records() / Math.max(loading, 1e-3)),
        rollingUp));
  }

  /** "2,771 events, 8 CLI commands, 1 error". */
  private static String counts(DataSetGenerator.Summary summary) {
    return RecordKind.EVENTS.counted(summary.events()) + ", " + RecordKind.CLI_COMMANDS.counted(summary.cliCommands())
        + ", " + RecordKind.ERRORS.counted(summary.errors());
  }
}
