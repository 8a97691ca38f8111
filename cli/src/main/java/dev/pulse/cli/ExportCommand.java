package dev.pulse.cli;

import dev.pulse.server.export.ExportKind;
import dev.pulse.server.export.ExportWriter;
import dev.pulse.server.store.EventStore;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pulse export}: stored records as NDJSON, in the stable format of docs/api.md. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes every stored record of one kind as NDJSON (one JSON object per line, docs/api.md),",
      "from a running server (--server) or straight from the store. `pulse import` reads it back."
    })
final class ExportCommand implements Callable<Integer> {

  @Mixin Target target;

  @Parameters(index = "0", description = "What to export: events, cli or errors.")
  String kind;

  @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    ExportKind exportKind =
        ExportKind.fromPathName(kind)
            .orElseThrow(() -> new IllegalArgumentException("unknown kind '" + kind + "': use events, cli or errors"));
    try (OutputStream out = open()) {
      if (target.isRemote()) {
        try (InputStream body = target.send("GET", "/api/v1/export/" + exportKind.pathName()).body()) {
          body.transferTo(out);
        }
      } else {
        try (EventStore store = target.openStore()) {
          ExportWriter.write(store, exportKind, out);
        }
      }
    }
    return 0;
  }

  private OutputStream open() throws java.io.IOException {
    if (output == null) {
      // Not closed by try-with-resources: wrap so that closing flushes but leaves stdout open.
      return new BufferedOutputStream(System.out) {
        @Override
        public void close() throws java.io.IOException {
          flush();
        }
      };
    }
    return new BufferedOutputStream(Files.newOutputStream(output));
  }
}
