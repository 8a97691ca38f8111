package dev.pulse.cli.serve;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.generate.GenerateCommand;
import dev.pulse.cli.generate.GenerateProgress;
import dev.pulse.cli.generate.GeneratedStoreKey;
import dev.pulse.cli.logging.LogOptions;
import dev.pulse.cli.settings.PortNumber;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.store.DataDirs;
import dev.pulse.cli.store.LocalStore;
import dev.pulse.server.PulseServer;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.store.BulkLoader;
import dev.pulse.server.store.DiskSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pulse demo}: generates a realistic data set (a few hundred installs over 90 days ending today)
 * into a temporary or given data dir, then starts the server on it. A temporary data dir is removed
 * when the demo ends, by Ctrl-C or SIGTERM included.
 */
@Command(name = "demo",
    description = "Generates a realistic data set and serves it: a populated dashboard in one command.",
    footerHeading = "%nExample:%n",
    footer = "  pulse demo --port 8080   # then open http://localhost:8080/ with the token it prints")
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", description = "Where to put the data set (default: a temporary dir, removed at exit).")
  Path dataDir;

  @Option(names = "--installs", defaultValue = "300", description = "Number of installs (default ${DEFAULT-VALUE}).")
  int installs;

  @Option(names = "--port", defaultValue = "8080", converter = PortNumber.class,
      description = "Port to listen on; 0 picks a free one (PULSE_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Mixin LogOptions logOptions;

  @Override
  public Integer call() throws IOException {
    if (installs < 1) {
      throw new ParameterException(spec.commandLine(), "--installs must be at least 1, got " + installs);
    }
    String host = Objects.requireNonNullElse(Settings.of(spec).get("host"), "0.0.0.0");
    try {
      PulseServer.checkListenable(host, port); // before a data set is generated for nothing
    } catch (UncheckedIOException e) {
      throw CliFailure.usage("cannot start: " + e.getMessage(), e);
    }
    if (dataDir != null) {
      return generateAndServe(dataDir, () -> {});
    }
    Path dir = Files.createTempDirectory("pulse-demo-");
    // Until the server's stop hook is in place, Ctrl-C removes the dir here; then that hook does, after
    // the server stopped.
    Thread removeDir = new Thread(() -> DataDirs.delete(dir), "pulse-demo-cleanup");
    int code;
    try {
      Runtime.getRuntime().addShutdownHook(removeDir); // refused when a stop signal came first
      code = generateAndServe(dir, () -> handOver(removeDir));
    } catch (RuntimeException e) {
      DataDirs.delete(dir);
      throw e;
    }
    if (code != 0) {
      DataDirs.delete(dir); // the server did not start, so its hook will not remove the dir
    }
    return code;
  }

  private static void handOver(Thread removeDir) {
    try {
      Runtime.getRuntime().removeShutdownHook(removeDir);
    } catch (IllegalStateException e) {
      // Stopping already: both hooks run, and removing a dir twice is harmless.
    }
  }

  private int generateAndServe(Path dir, Runnable handOver) {
    GenerateCommand.Generated generated = null;
    try (BulkLoader loader =
        LocalStore.openLoader(null, dir, DiskSpace.DEFAULT_MIN_FREE_BYTES, LocalStore.WRITER_ADVICE)) {
      if (loader.holdsRecords()) {
        spec.commandLine().getOut().printf("serving the data set already in %s%n", dir);
      } else {
        GeneratedStoreKey.record(spec, loader, dir, true);
        generated = GenerateCommand.generate(spec, loader,
            DataSetGenerator.Settings.of(installs, 90, LocalDate.now(ZoneOffset.UTC), 1).until(Instant.now()),
            GenerateProgress.choose(false));
      }
    }
    if (generated != null) { // said once the store is closed, as pulse generate says it
      spec.commandLine().getErr().println(generated.line());
      spec.commandLine().getErr().flush();
    }
    return DemoServer.run(spec, dir, port, dataDir == null, handOver);
  }
}
