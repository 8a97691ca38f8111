package dev.pulse.cli.serve;

import dev.pulse.cli.settings.CommandRoot;
import dev.pulse.cli.store.DataDirs;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Starts the server for {@code pulse demo} exactly as {@code pulse serve} would (same routes: API,
 * analytics, dashboard), on the generated data dir; runs until Ctrl-C or SIGTERM.
 */
final class DemoServer {

  private DemoServer() {}

  /**
   * Serves the data dir; a temporary one is removed once the server has stopped. {@code handOver}
   * runs once the server's stop hook, which removes it, is in place.
   */
  static int run(CommandSpec spec, Path dataDir, int port, boolean temporary, Runnable handOver) {
    CommandLine root = spec.root().commandLine();
    CommandLine serve = CommandRoot.of(spec).newCommandLine();
    serve.setOut(root.getOut());
    serve.setErr(root.getErr());
    serve.setParameterExceptionHandler(root.getParameterExceptionHandler());
    serve.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
    ServeCommand command = (ServeCommand) serve.getSubcommands().get("serve").getCommand();
    if (temporary) {
      command.afterStop = () -> DataDirs.delete(dataDir);
    }
    command.stopHookInstalled = handOver;
    spec.commandLine().getOut().printf("demo data set in %s%s%n", dataDir, temporary ? " (removed at exit)" : "");
    spec.commandLine().getOut().flush();
    // The store given too: PULSE_STORE (or the config file's) names the machine's store, not the demo's.
    return serve.execute("serve", "--data-dir", dataDir.toString(), "--store", "duckdb:" + dataDir,
        "--port", Integer.toString(port));
  }
}
