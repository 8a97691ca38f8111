package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pulse import} in real processes: a rerun adds nothing, a stopped import resumes. */
class ImportCommandTest {

  /** One more than the command's batch, so that a bad line can come after a committed batch. */
  private static final int LINES = 50_010;

  @TempDir Path dir;

  @Test
  void importingTheSameFileTwiceAddsItOnce() throws Exception {
    Path file = dir.resolve("events.ndjson");
    String line = event(Instant.parse("2026-11-05T10:00:00.123Z"), "i-1");
    // Two identical records, as one request can send: both are kept, once.
    Files.writeString(file, line + line + event(Instant.parse("2026-11-05T10:00:01Z"), "i-2"));
    String data = dir.resolve("data").toString();

    PulseRun first = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data);
    PulseRun second = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data);

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("imported 3 events into").contains("skipped 0 already present");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("imported 0 events into").contains("skipped 3 already present");
    assertThat(exportedLines(data)).hasSize(3);
    // The import folded the rollups: a query has nothing left to build.
    PulseRun query = PulseRun.run(Map.of(), "query", "versions", "--data-dir", data, "--to", "2026-11-05");
    assertThat(query.exitCode()).as(query.output()).isZero();
    assertThat(query.output()).contains("v1").doesNotContain("first rollup build");
  }

  @Test
  void theKindComesFirstAsForExportOrAsAnOption() throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, event(Instant.parse("2026-11-05T10:00:00Z"), "i-1"));
    String data = dir.resolve("data").toString();

    PulseRun positional = PulseRun.run(Map.of(), "import", "events", file.toString(), "--data-dir", data);
    PulseRun option = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data);
    PulseRun both = PulseRun.run(Map.of(), "import", "events", file.toString(), "--kind", "EVENTS", "--data-dir", data);

    assertThat(positional.exitCode()).as(positional.output()).isZero();
    assertThat(positional.output()).contains("imported 1 event into");
    // A build this small says one line of itself, not one a step, as the command's own (docs/cli.md).
    assertThat(positional.output().lines().filter(line -> line.contains("first rollup build")))
        .singleElement().isEqualTo("pulse import: first rollup build: 1 raw record of 2026-11-05 .. 2026-11-05");
    assertThat(option.exitCode()).as(option.output()).isZero();
    assertThat(option.output()).contains("imported 0 events into").contains("skipped 1 already present");
    assertThat(both.exitCode()).as("the same kind twice is no mistake: " + both.output()).isZero();
  }

  @Test
  void aMissingOrDoubledKindIsAUsageMistakeNamingTheFormToUse() throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, event(Instant.parse("2026-11-05T10:00:00Z"), "i-1"));
    Path data = dir.resolve("data");
    Map<List<String>, String> mistakes = Map.of(
        List.of(file.toString()), "say what " + file + " holds: pulse import events|cli|errors " + file,
        List.of("events"), "give the file after the kind: pulse import events FILE",
        List.of("events", file.toString(), "--kind", "cli"), "the kind is given twice, as events and --kind cli",
        List.of("events", file.toString(), "more.ndjson"), "unexpected argument 'more.ndjson'");

    for (Map.Entry<List<String>, String> mistake : mistakes.entrySet()) {
      List<String> command = new ArrayList<>(List.of("import"));
      command.addAll(mistake.getKey());
      command.addAll(List.of("--data-dir", data.toString()));
      PulseRun run = PulseRun.run(Map.of(), command.toArray(String[]::new));

      assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
      assertThat(run.output()).as(mistake.getKey().toString()).contains("pulse import: " + mistake.getValue());
    }
    assertThat(data).doesNotExist();
  }

  @Test
  void rerunAfterABadLineMidwayAddsOnlyTheRest() throws Exception {
    List<String> lines = new ArrayList<>();
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < LINES; i++) {
      lines.add(event(start.plusSeconds(i), "i-" + i).strip());
    }
    int bad = LINES - 5;
    String good = lines.get(bad - 1);
    lines.set(bad - 1, good.replace("\"eventType\":\"ACTIVE\"", "\"eventType\":\"NOT_A_TYPE\""));
    Path file = dir.resolve("events.ndjson");
    Files.write(file, lines);
    String data = dir.resolve("data").toString();

    PulseRun stopped = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data);
    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
    assertThat(stopped.output())
        .contains("line " + bad + ": \"eventType\" is \"NOT_A_TYPE\"")
        .contains("50,000 records were imported")
        .doesNotContain("\tat ").doesNotContain("dev.pulse");
    assertThat(exportedLines(data)).hasSize(50_000);

    lines.set(bad - 1, good);
    Files.write(file, lines);
    PulseRun rerun = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data);

    assertThat(rerun.exitCode()).as(rerun.output()).isZero();
    assertThat(rerun.output()).contains("imported 10 events into").contains("skipped 50,000 already present");
    assertThat(exportedLines(data)).hasSize(LINES).doesNotHaveDuplicates();
  }

  @Test
  void aFileThatIsNotUtf8TextStopsTheImportAtItsLineWithoutAStackTrace() throws Exception {
    Path file = dir.resolve("events.ndjson");
    byte[] good = event(Instant.parse("2026-11-05T10:00:00Z"), "i-1").getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "{\"receivedAt\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] both = new byte[good.length + latin1.length];
    System.arraycopy(good, 0, both, 0, good.length);
    System.arraycopy(latin1, 0, both, good.length, latin1.length);
    Files.write(file, both);
    String data = dir.resolve("data").toString();

    PulseRun run = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse import: stopped at line 1: not UTF-8 text (as pulse export writes)")
        .contains("0 records were imported").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void aLineLongerThanAnyExportWritesStopsTheImportAtItsLineInsteadOfRunningOutOfMemory() throws Exception {
    Path file = dir.resolve("no-line-breaks.ndjson");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(event(Instant.parse("2026-11-05T10:00:00Z"), "i-1"));
      char[] block = new char[1 << 20];
      Arrays.fill(block, 'a');
      for (int i = 0; i < 33; i++) {
        out.write(block);
      }
    }
    PulseRun run = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events",
        "--data-dir", dir.resolve("data").toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("pulse import: stopped at line 2: the line is longer than 32 Mi characters: not a record of pulse export")
        .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("OutOfMemory");
  }

  @Test
  void runningOutOfMemoryIsOneLineSayingHowToGiveMoreNotAStackTrace() throws Exception {
    Path file = dir.resolve("long-line.ndjson");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      char[] block = new char[1 << 20];
      Arrays.fill(block, 'a');
      for (int i = 0; i < 24; i++) { // under the line bound, over what a 48 MiB heap holds as one string
        out.write(block);
      }
    }
    PulseRun run = PulseRun.run(Map.of("JAVA_TOOL_OPTIONS", "-Xmx48m"), "import", file.toString(),
        "--kind", "events", "--data-dir", dir.resolve("data").toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse: ran out of memory (Java's heap is at most")
        .contains("e.g. JAVA_TOOL_OPTIONS=-Xmx4g").doesNotContain("\tat ");
  }

  @Test
  void standardInputThatIsNotUtf8TextStopsTheImportTooAndLeavesNoDataDirItMade() throws Exception {
    String data = dir.resolve("data").toString();
    PulseRun.Started importing = PulseRun.start(null, Map.of(), "import", "-", "--kind", "events", "--data-dir", data);
    try (var in = importing.stdin()) {
      in.write(event(Instant.parse("2026-11-05T10:00:00Z"), "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
    }
    PulseRun run = importing.await();

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("pulse import: stopped at line 1: not UTF-8 text");
    // Nothing stored, replacement characters or otherwise: the data dir it made, with nothing in it, is gone.
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aGzipExportIsImportedAsItIsFromAFileOrStdinAndATruncatedOneStopsSayingSo() throws Exception {
    String text = event(Instant.parse("2026-11-05T10:00:00.123Z"), "i-1")
        + event(Instant.parse("2026-11-05T10:00:01.456Z"), "i-2"); // with milliseconds, as an export writes them
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Path file = Files.write(dir.resolve("events.ndjson.gz"), gzipped.toByteArray());
    String fromFile = dir.resolve("from-file").toString();
    String fromStdin = dir.resolve("from-stdin").toString();

    PulseRun run = PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", fromFile);
    PulseRun.Started piped = PulseRun.start(null, Map.of(), "import", "-", "--kind", "events", "--data-dir", fromStdin);
    try (var stdin = piped.stdin()) {
      stdin.write(gzipped.toByteArray());
    }
    PulseRun viaStdin = piped.await();

    assertThat(run.output()).contains("imported 2 events into");
    assertThat(viaStdin.output()).contains("imported 2 events into");
    assertThat(exportedLines(fromFile)).containsExactlyElementsOf(text.strip().lines().toList());
    assertThat(exportedLines(fromStdin)).containsExactlyElementsOf(text.strip().lines().toList());

    Path cut = Files.write(dir.resolve("cut.ndjson.gz"), Arrays.copyOf(gzipped.toByteArray(), gzipped.size() - 12));
    PulseRun truncated = PulseRun.run(Map.of(), "import", cut.toString(), "--kind", "events", "--data-dir", fromFile);
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.output()).contains("stopped: the file is not valid gzip: it ends before its compressed data"
        + " does. The batches imported before it are kept").doesNotContain("\tat ").doesNotContain("ZLIB");
  }

  @Test
  void aPipeGivenAsTheFileIsReadAsAFileIsAndADirectoryIsAUsageMistake() throws Exception {
    String text = event(Instant.parse("2026-11-05T10:00:00.123Z"), "i-1");
    String data = dir.resolve("data").toString();
    // /dev/stdin is the process's stdin pipe, as a shell's <(zcat events.ndjson.gz) is a pipe too.
    PulseRun.Started piped = PulseRun.start(null, Map.of(), "import", "events", "/dev/stdin", "--data-dir", data);
    try (var stdin = piped.stdin()) {
      stdin.write(text.getBytes(StandardCharsets.UTF_8));
    }
    PulseRun viaPipe = piped.await();
    assertThat(viaPipe.exitCode()).as(viaPipe.output()).isZero();
    assertThat(exportedLines(data)).containsExactly(text.strip());

    PulseRun directory = PulseRun.run(Map.of(), "import", "events", dir.toString(), "--data-dir", data);
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.output()).startsWith("pulse import: FILE " + dir + " is a directory: give the file an"
        + " export wrote (pulse export KIND -o FILE)");
  }

  @Test
  void anExportToAGzFileIsCompressedAndImportsBackAsItIs() throws Exception {
    Path file = Files.writeString(dir.resolve("events.ndjson"), event(Instant.parse("2026-11-05T10:00:00.123Z"), "i-1"));
    String data = dir.resolve("data").toString();
    assertThat(PulseRun.run(Map.of(), "import", file.toString(), "--kind", "events", "--data-dir", data).exitCode())
        .isZero();
    Path gz = dir.resolve("events.ndjson.gz");

    PulseRun export = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "-o", gz.toString());
    String copy = dir.resolve("copy").toString();
    PulseRun back = PulseRun.run(Map.of(), "import", gz.toString(), "--kind", "events", "--data-dir", copy);

    assertThat(export.exitCode()).as(export.output()).isZero();
    try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().lines().toList())
          .isEqualTo(exportedLines(data));
    }
    assertThat(back.output()).contains("imported 1 event into");
    assertThat(exportedLines(copy)).isEqualTo(exportedLines(data));
  }

  private static String event(Instant at, String instance) {
    return "{\"receivedAt\":\"" + at + "\",\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\""
        + instance + "\",\"contextId\":\"5f0c\",\"version\":\"v1\",\"cloudClientId\":\"\","
        + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}\n";
  }

  private static List<String> exportedLines(String data) throws Exception {
    PulseRun export = PulseRun.run(Map.of(), "export", "events", "--data-dir", data);
    assertThat(export.exitCode()).as(export.output()).isZero();
    List<String> lines = export.output().strip().lines().toList();
    // One JSON object per line, each line starting with it (no separator before it).
    assertThat(lines).allMatch(l -> l.startsWith("{\"receivedAt\":"));
    return lines;
  }
}
