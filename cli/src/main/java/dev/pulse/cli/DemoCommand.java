package dev.pulse.cli;

import dev.pulse.server.analytics.generate.DataSetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pulse demo}: generates a realistic data set (a few hundred installs over 90 days ending today)
 * into a temporary or given data dir, then starts the server on it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generates a realistic data set and starts the server on it: a populated dashboard in one command.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", description = "where to put the data set (default: a new temporary dir)")
  Path dataDir;

  @Option(names = "--installs", defaultValue = "300", description = "number of installs (default 300)")
  int installs;

  @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default 8080; 0 picks a free one)")
  int port;

  @Override
  public Integer call() throws IOException {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("pulse-demo-");
    GenerateCommand.generate(spec, dir,
        DataSetGenerator.Settings.of(installs, 90, LocalDate.now(ZoneOffset.UTC), 1));
    return DemoServer.run(spec, dir, port);
  }
}
