package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse import --server}: an export loaded into a real running server in requests of 50,000
 * records (or {@code --batch-size}), each all or nothing, so that a stop keeps the requests before it
 * and a rerun adds the rest. The bad-line test keeps the default size, so that it is proven too.
 */
class ImportIntoAServerTest {

  private static final String TOKEN = "import-into-a-server-token";
  private static final Map<String, String> ENV = Map.of("PULSE_ADMIN_TOKEN", TOKEN);

  @TempDir Path dir;

  @Test
  void anExportImportedIntoARunningServerHoldsEachRecordOnceAndARerunAddsNothing() throws Exception {
    List<String> lines = ExportLines.events(11_000); // three requests: 5,000, 5,000 and 1,000
    Path file = gzipped(dir.resolve("events.ndjson.gz"), lines);
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), TOKEN)) {
      String url = base(server);

      PulseRun run = PulseRun.run(ENV, "import", file.toString(), "--kind", "events", "--batch-size", "5000",
          "--server", url);
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("imported 11,000 events into " + url + ", skipped 0 already present");
      assertThat(exported(url)).containsExactlyInAnyOrderElementsOf(lines);

      PulseRun again = PulseRun.run(ENV, "import", file.toString(), "--kind", "events", "--batch-size", "5000",
          "--server", url);
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output()).contains("imported 0 events into " + url + ", skipped 11,000 already present");
      assertThat(exported(url)).hasSize(lines.size());
    }
  }

  @Test
  void aBadLineStopsTheImportThereKeepingTheRequestsBeforeItAndTheFixedFileAddsTheRest() throws Exception {
    List<String> lines = ExportLines.events(60_000);
    List<String> broken = new ArrayList<>(lines);
    broken.set(54_321, "{\"receivedAt\":\"yesterday\"}"); // line 54,322, in the second request
    Path file = dir.resolve("events.ndjson");
    Files.write(file, broken);
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), TOKEN)) {
      String url = base(server);

      PulseRun run = PulseRun.run(ENV, "import", file.toString(), "--kind", "events", "--server", url);
      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("pulse import: stopped at line 54322: ")
          .contains("50,000 records were imported and 0 skipped as already present, in requests of up to 50,000"
              + " records before it. Fix the line and run the same import again")
          .doesNotContain("\tat ");
      assertThat(exported(url)).containsExactlyInAnyOrderElementsOf(lines.subList(0, 50_000));

      Files.write(file, lines);
      PulseRun fixed = PulseRun.run(ENV, "import", file.toString(), "--kind", "events", "--server", url);
      assertThat(fixed.exitCode()).as(fixed.output()).isZero();
      assertThat(fixed.output()).contains("imported 10,000 events into " + url + ", skipped 50,000 already present");
      assertThat(exported(url)).containsExactlyInAnyOrderElementsOf(lines);
    }
  }

  @Test
  void aRefusedTokenIsToldAndNothingIsImported() throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.write(file, ExportLines.events(10));
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), TOKEN)) {
      PulseRun run = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", "not-the-servers-token"), "import", file.toString(),
          "--kind", "events", "--server", base(server));
      Mistakes.assertTold(run, Mistakes.FAILURE, "refused the token of PULSE_ADMIN_TOKEN (401): it is neither its"
          + " admin token nor its read token; give its admin token");
      assertThat(exported(base(server))).isEmpty();
    }
  }

  @Test
  void aTruncatedGzipFileIsToldAsSuch() throws Exception {
    Path whole = gzipped(dir.resolve("whole.ndjson.gz"), ExportLines.events(2_000));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.ndjson.gz"), Arrays.copyOf(bytes, bytes.length / 2));

    // It stops while reading the file, before its first request: no server needs to answer.
    PulseRun run = PulseRun.run(ENV, "import", cut.toString(), "--kind", "events", "--server", "http://127.0.0.1:9");
    Mistakes.assertTold(run, Mistakes.FAILURE, "stopped: the file is not valid gzip: ");
    assertThat(run.output()).contains("The requests imported before it are kept: with the file whole, run the same"
        + " import again");
  }

  @Test
  void aFileThatIsNotUtf8IsToldWithItsLineAsALocalImportTellsIt() throws Exception {
    byte[] latin1 = (ExportLines.events(1).get(0).replace("\"v1\"", "\"v1-\u00e9\"") + "\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("latin1.ndjson"), latin1);

    // It stops while reading the file, before its first request: no server needs to answer.
    PulseRun run = PulseRun.run(ENV, "import", file.toString(), "--kind", "events", "--server", "http://127.0.0.1:9");
    Mistakes.assertTold(run, Mistakes.FAILURE, "pulse import: stopped at line 1: not UTF-8 text (as pulse export"
        + " writes), on this line or a few after it; 0 records were imported and 0 skipped as already present, in"
        + " requests of up to 50,000 records before it. Fix the line and run the same import again");
  }

  @Test
  void ctrlCWhileARequestAwaitsItsAnswerSaysWhatTheAnsweredOnesKeptAndExits130() throws Exception {
    Path file = Files.write(dir.resolve("events.ndjson"), ExportLines.events(10));
    try (Stalling.NeverAnswers server = new Stalling.NeverAnswers()) {
      PulseRun.Started importing = PulseRun.start(null, ENV, "import", file.toString(), "--kind", "events",
          "--server", server.url());
      importing.stdin().close();
      server.awaitConnection();
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(importing.process().pid())).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
      PulseRun stopped = importing.await();

      assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(130);
      assertThat(stopped.lines()).containsExactly("pulse import: stopped by Ctrl-C (SIGINT): 0 records were imported by"
          + " the requests the server answered before the stop, and are kept (the request under way, stored whole or"
          + " not at all, may be too); run the same import again to resume: records already present are skipped.");
    }
  }

  @Test
  void anAddressThatIsNotPulseIsToldAsSuch() throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.write(file, ExportLines.events(10));
    try (NotPulse other = NotPulse.start()) {
      PulseRun run = PulseRun.run(ENV, "import", file.toString(), "--kind", "events", "--server", other.url(200));
      Mistakes.assertTold(run, Mistakes.USAGE, "answered 200 with a page that is not Pulse's: is --server"
          + " the address of a Pulse server?");
    }
  }

  private static String base(ServeProcess server) {
    return server.uri("").toString();
  }

  private List<String> exported(String url) throws Exception {
    Path out = dir.resolve("exported.ndjson");
    PulseRun export = PulseRun.run(ENV, "export", "events", "--server", url, "-o", out.toString());
    assertThat(export.exitCode()).as(export.output()).isZero();
    return Files.readAllLines(out);
  }

  private static Path gzipped(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }
}
