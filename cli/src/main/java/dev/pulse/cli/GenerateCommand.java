package dev.pulse.cli;

import dev.pulse.server.analytics.generate.DataSetGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pulse generate}: a synthetic data set into a data dir, with a progress bar on stderr. */
@Command(name = "generate",
    description = "Writes a realistic synthetic data set (installs, upgrades, churn, CLI use, errors) into a data dir.",
    footerHeading = "%nExample:%n",
    footer = "  pulse generate --installs 1000 --days 90 --data-dir pulse-data")
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--installs", required = true, description = "number of installs (clusters)")
  int installs;

  @Option(names = "--days", required = true, description = "number of UTC days, ending with --last-day")
  int days;

  @Option(names = "--data-dir", required = true, description = "the data dir to write into")
  Path dataDir;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default 1): same seed, same data")
  long seed;

  @Option(names = "--last-day", description = "the last day, YYYY-MM-DD (default: today, UTC)")
  LocalDate lastDay;

  @Override
  public Integer call() {
    if (installs < 1 || days < 1 || days > 3660) {
      throw new ParameterException(spec.commandLine(), "--installs must be positive and --days 1..3660");
    }
    LocalDate last = lastDay != null ? lastDay : LocalDate.now(ZoneOffset.UTC);
    generate(spec, dataDir, DataSetGenerator.Settings.of(installs, days, last, seed));
    return 0;
  }

  /** Generates and rolls up, drawing progress on stderr; shared with {@code pulse demo}. */
  static DataSetGenerator.Summary generate(CommandSpec spec, Path dataDir, DataSetGenerator.Settings settings) {
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    try (DataDirAnalytics data = DataDirAnalytics.open(spec, dataDir, false)) {
      DataSetGenerator.Summary summary = new DataSetGenerator(settings).writeTo(data.store,
          (done, total, records) -> progress(err, done, total, records));
      err.println();
      err.print("rolling up...");
      err.flush();
      data.storage.analytics().refresh();
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf("%ngenerated %,d events, %,d CLI commands, %,d errors into %s in %.1f s%n",
          summary.events(), summary.cliCommands(), summary.errors(), dataDir, seconds);
      err.flush();
      return summary;
    }
  }

  private static void progress(PrintWriter err, int done, int total, long records) {
    int width = 30;
    int filled = done * width / total;
    err.printf("\r[%s%s] %d/%d days, %,d records", "#".repeat(filled), ".".repeat(width - filled), done, total, records);
    err.flush();
  }
}
