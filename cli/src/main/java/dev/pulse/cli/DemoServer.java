package dev.pulse.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Starts the server for {@code pulse demo} exactly as {@code pulse serve} would (same routes: API,
 * analytics, dashboard), on the generated data dir; runs until Ctrl-C or SIGTERM.
 */
final class DemoServer {

  private DemoServer() {}

  static int run(CommandSpec spec, Path dataDir, int port) {
    CommandLine serve = PulseCommand.commandLine();
    serve.setOut(spec.commandLine().getOut());
    serve.setErr(spec.commandLine().getErr());
    spec.commandLine().getOut().printf("demo data set in %s; open http://localhost:%d/ with the token below%n",
        dataDir, port);
    spec.commandLine().getOut().flush();
    return serve.execute("serve", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
  }
}
