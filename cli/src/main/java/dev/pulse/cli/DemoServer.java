package dev.pulse.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Starts the server for {@code pulse demo}. Not wired yet: the server's start API
 * ({@code PulseServer.start(ServerConfig)}) has not landed on this branch; until it does, the demo
 * prints how to serve the generated data dir.
 */
final class DemoServer {

  private DemoServer() {}

  static int run(CommandSpec spec, Path dataDir, int port) {
    spec.commandLine().getOut().printf(
        "demo data set ready in %s%nstart the server on it with: pulse serve --data-dir %s --port %d%n",
        dataDir, dataDir, port);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
