package dev.pulse.cli;

import dev.pulse.server.erasure.Erasure;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pulse purge}: erases every record of one install, raw and aggregated. */
@Command(
    name = "purge",
    description = {
      "Erases every record of one install (events, CLI commands, errors, rollups) and says what was removed.",
      "The contextId is the one the install computes itself: `pulse status` prints it on that machine."
    },
    footerHeading = "%nExample:%n",
    footer = "  pulse purge --context-id 3f2a... --server http://localhost:8080")
final class PurgeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin Target target;

  @Option(names = "--context-id", required = true, description = "The install's contextId, as `pulse status` prints it.")
  String contextId;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (target.isRemote()) {
      try (InputStream body = target.send("DELETE", "/api/v1/installs/" + contextId).body()) {
        out.println(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      return 0;
    }
    try (EventStore store = target.openStore()) {
      ErasureReport report = new Erasure(store, target.keyer()).erase(contextId);
      out.printf(
          "removed %d events, %d CLI commands, %d errors and %d aggregated rows of install %s%n",
          report.events(), report.cliCommands(), report.errors(), report.derivedRows(), contextId);
    }
    return 0;
  }
}
