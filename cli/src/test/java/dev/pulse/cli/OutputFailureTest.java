package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that cannot be written, in real processes: a full device, a reader that stops, a full disk
 * under {@code -o}. Each ends in exit code 1 and a line saying the output is incomplete, never in 0
 * with the output cut short (as {@code System.out}, which swallows write errors, would).
 */
class OutputFailureTest {

  private static final File FULL = new File("/dev/full");
  private static final int RECORDS = 5_000;
  private static final String TOKEN = "output-failure-admin-token";

  @TempDir Path dir;
  private String data;

  @BeforeEach
  void storeWithRecords() throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.write(file, ExportLines.events(RECORDS));
    data = dir.resolve("data").toString();
    PulseRun imported = PulseRun.run(ExportLines.KEYED, "import", file.toString(), "--kind", "events", "--data-dir", data);
    assertThat(imported.exitCode()).as(imported.output()).isZero();
  }

  @Test
  void anExportToAFullDeviceFailsAndSaysTheExportIsIncomplete() throws Exception {
    PulseRun run = runInto(Redirect.to(fullDevice()), "export", "events", "--data-dir", data);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse export: writing to standard output failed (No space left on device):"
        + " the export is incomplete; free space and export again").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void anExportWhoseReaderStopsReadingFailsAndSaysSo() throws Exception {
    PulseRun.Started export = PulseRun.start(null, Redirect.PIPE, Map.of(), "export", "events", "--data-dir", data);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(export.stdout(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).startsWith("{\"receivedAt\":"); // then the reader goes, as head -1 does
    }
    PulseRun run = export.await();

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse export: writing to standard output failed (Broken pipe):"
        + " the export is incomplete; its reader stopped reading before the end (as | head does):"
        + " for every record, let the reader read to the end").doesNotContain("free space");
  }

  @Test
  void anExportToAFileOnAFullDiskLeavesNoFile() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 1)) {
      Path target = disk.dir().resolve("events.ndjson");

      PulseRun run = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "-o", target.toString());

      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("pulse export: writing " + target + " failed (No space left on device):"
          + " the export is incomplete, so no file was written");
      try (var left = Files.list(disk.dir())) {
        assertThat(left).as("nothing left, not even the partial file").isEmpty();
      }
    }
  }

  @Test
  void anExportThatFailsLeavesAnEarlierFileOfThatNameAsItWas() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 1)) {
      Path target = disk.dir().resolve("events.ndjson");
      List<String> earlier = ExportLines.events(10);
      Files.write(target, earlier);

      PulseRun run = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "-o", target.toString());

      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("pulse export: writing " + target + " failed (No space left on device):"
          + " the export is incomplete, so events.ndjson was left as it was");
      assertThat(Files.readAllLines(target)).isEqualTo(earlier);
      try (var left = Files.list(disk.dir())) {
        assertThat(left).containsExactly(target);
      }
    }
  }

  @Test
  void anExportFromAServerCutOffMidwayFailsAndLeavesAnEarlierFileAsItWas() throws Exception {
    Path target = dir.resolve("events.ndjson");
    List<String> earlier = ExportLines.events(10);
    Files.write(target, earlier);
    try (ServeProcess server = ServeProcess.start(Path.of(data), served());
        CuttingRelay cut = CuttingRelay.start(server.uri("/").getPort(), 64 << 10)) {

      PulseRun run = PulseRun.run(Map.of(), "export", "events", "--server", cut.url(), "--token", TOKEN,
          "-o", target.toString());

      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("pulse export: the server stopped sending the export before its end (")
          .contains("the export is incomplete, so events.ndjson was left as it was; check the server, and export again")
          .doesNotContain("\tat ");
    }
    assertThat(Files.readAllLines(target)).isEqualTo(earlier);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
  }

  @Test
  void anExportToAFileThatCannotBeCreatedSaysWhy() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("events.ndjson");

    PulseRun run = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "-o", missing.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("pulse export: cannot write " + missing + ": it or its directory does not exist;"
        + " give --output a file in a directory you may write to").doesNotContain("--debug");

    PulseRun intoADirectory = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "-o", dir.toString());
    assertThat(intoADirectory.exitCode()).isEqualTo(2);
    assertThat(intoADirectory.output()).contains("pulse export: cannot write " + dir + ": Is a directory;");
  }

  @Test
  void aTableToAFullDeviceFailsAndSaysTheOutputIsIncomplete() throws Exception {
    PulseRun run = runInto(Redirect.to(fullDevice()), "query", "active-installs", "--data-dir", data);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse query: writing to standard output failed")
        .contains("the output is incomplete");
  }

  @Test
  void anExportThatFitsEndsInZeroWithEveryLineInPlaceOfAnEarlierFile() throws Exception {
    Path target = dir.resolve("out.ndjson");
    Files.write(target, List.of("an earlier export"));

    PulseRun run = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "-o", target.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    List<String> lines = Files.readAllLines(target);
    assertThat(lines).containsExactlyInAnyOrderElementsOf(ExportLines.events(RECORDS));
  }

  private static PulseRun runInto(Redirect stdout, String... args) throws Exception {
    return PulseRun.start(null, stdout, Map.of(), args).await();
  }

  /** Linux's always-full device; skipped elsewhere, as CI runs on Linux. */
  private static File fullDevice() {
    Assumptions.assumeTrue(FULL.exists() || "true".equals(System.getenv("CI")), "no /dev/full on this system");
    return FULL;
  }

  private static Map<String, String> served() {
    Map<String, String> env = new java.util.HashMap<>(ExportLines.KEYED);
    env.put("PULSE_ADMIN_TOKEN", TOKEN);
    return env;
  }
}
