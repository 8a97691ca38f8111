package dev.pulse.cli.export;

import dev.pulse.cli.access.ServerAnswer;
import dev.pulse.cli.access.Target;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.BlankOption;
import dev.pulse.schema.Suggestions;
import dev.pulse.server.export.ExportFormat;
import dev.pulse.server.export.ExportRange;
import dev.pulse.server.export.ExportWriter;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pulse export}: stored records as NDJSON, in the stable format of docs/api.md. */
@Command(
    name = "export",
    description = {
      "Writes every stored record of one kind as NDJSON, from a running server or straight from the store;"
          + " with --from and --to, those received on those UTC days (both included).",
      "One JSON object per line, in a stable format that `pulse import` reads back."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pulse export events --data-dir pulse-data -o events.ndjson",
      "  pulse export errors --server http://localhost:8080 --token \"$TOKEN\"",
      "  pulse export events --from 2026-12-01 --to 2026-12-01 -o events-2026-12-01.ndjson.gz"
    })
public final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Target target;

  @Parameters(index = "0", paramLabel = "KIND", description = "What to export: events, cli or errors.")
  String kind;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to this file instead of standard output (- is standard output too).")
  Path output;

  @Option(names = "--from", paramLabel = "DAY",
      description = "Only records received on this UTC day (YYYY-MM-DD) or later.")
  String from;

  @Option(names = "--to", paramLabel = "DAY",
      description = "Only records received on this UTC day (YYYY-MM-DD) or earlier.")
  String to;

  @Override
  public Integer call() throws Exception {
    RecordKind exportKind = RecordKind.fromPathName(kind).orElseThrow(() ->
        new ParameterException(spec.commandLine(), "unknown kind '" + kind + "'"
            + Suggestions.question(kind, Arrays.stream(RecordKind.values()).map(RecordKind::pathName).toList())
            + ": use events, cli or errors"));
    BlankOption.refuse(spec, "--from", from, "a date YYYY-MM-DD", "no bound");
    BlankOption.refuse(spec, "--to", to, "a date YYYY-MM-DD", "no bound");
    ExportRange range;
    try {
      range = ExportRange.parse(from, to);
    } catch (ExportRange.BadRangeException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.parameter() + ": " + e.getMessage());
    }
    // The output first: an -o that cannot be created is a usage mistake, told before the server is asked
    // or the store opened. A failed export still leaves no file: the part file goes (ExportOutput).
    try (ExportOutput out = ExportOutput.open(output)) {
      if (target.isRemote()) {
        HttpResponse<InputStream> answer = ServerAnswer.requirePulse(target.send("GET", "/api/v1/export/"
            + exportKind.pathName() + query(range)), ExportFormat.MEDIA_TYPE, null);
        try (InputStream body = answer.body()) {
          body.transferTo(out); // a failed write is told by ExportOutput; an IOException is the server's
        } catch (IOException e) {
          throw CliFailure.failure("the server stopped sending the export before its end (" + CliFailure.firstLine(e)
              + "): " + out.incomplete() + "; check the server, and export again", e);
        }
      } else {
        try (Storage storage = target.openStorage()) {
          ExportWriter.write(storage.events(), exportKind, range, out);
        }
      }
      out.commit();
    }
    return 0;
  }

  private static String query(ExportRange range) {
    List<String> bounds = new ArrayList<>();
    range.from().ifPresent(day -> bounds.add("from=" + day));
    range.to().ifPresent(day -> bounds.add("to=" + day));
    return bounds.isEmpty() ? "" : "?" + String.join("&", bounds);
  }
}
