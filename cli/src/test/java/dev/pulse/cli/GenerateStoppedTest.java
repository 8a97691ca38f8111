package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse generate} stopped halfway says that the store holds part of a data set, and what to do;
 * stopped as the store closes, after the last batch, it says that the whole data set is kept.
 */
class GenerateStoppedTest {

  private static final String PARTIAL = "pulse generate: stopped before the data set was whole; the store (";

  @TempDir Path dir;

  @Test
  void aGenerateStoppedHalfwaySaysTheStoreHoldsPartOfTheDataSet() throws Exception {
    List<String> command = PulseRun.pulseCommand();
    command.addAll(List.of("generate", "--installs", "20000", "--days", "60", "--data-dir", dir.resolve("data").toString()));
    Process generate = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(generate.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
        if (line.contains(" days, ") && !line.contains("60/60 days")) {
          generate.toHandle().destroy(); // SIGTERM at the first tenth of the days, as Ctrl-C would
        }
      }
    } finally {
      if (!generate.waitFor(60, TimeUnit.SECONDS)) {
        generate.destroyForcibly();
      }
    }

    assertThat(output).as("a progress line came before the end").anyMatch(l -> l.contains(" days, "));
    assertThat(output).anyMatch(l -> l.startsWith(PARTIAL) && l.endsWith("give an empty --data-dir (or database) and run pulse generate again"));
  }

  @Test
  void aGenerateWhoseStoreCannotFoldItsLogAsItClosesSaysTheWholeDataSetIsKeptAndNotThatItWasGenerated()
      throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 16)) {
      String data = disk.dir().resolve("data").toString();
      // Room for the data set and its rollups in DuckDB's log (about 3 MiB), not for folding the log into
      // the database file as the store closes (about 4 MiB more).
      disk.fillLeaving("filler", 4 << 20);

      PulseRun closing = PulseRun.run(Map.of(), "generate", "--installs", "50", "--days", "30", "--last-day",
          "2026-06-30", "--quiet", "--min-free-disk", "0", "--data-dir", data);

      assertThat(closing.exitCode()).as(closing.output()).isEqualTo(1);
      assertThat(closing.output())
          .contains("pulse generate: stopped after the last batch: folding DuckDB's write-ahead log into pulse.duckdb"
              + " failed: the disk of " + data + " is full. The whole data set (")
          .contains(" events, ").contains(") is committed and kept in that log, which the store applies when it next"
              + " opens: once that is fixed, serve the store as it is")
          .doesNotContain("generated ").doesNotContain(PARTIAL).doesNotContain("FATAL").doesNotContain("Exception");
      String events = closing.output().replaceAll("(?s).*The whole data set \\(([0-9,]+) events, .*", "$1");

      disk.delete("filler");
      PulseRun export = PulseRun.run(Map.of(), "export", "events", "--data-dir", data);
      assertThat(export.exitCode()).as(export.output()).isZero();
      assertThat(export.output().lines().filter(l -> l.startsWith("{")).count()).as("every event it said it kept")
          .isEqualTo(Long.parseLong(events.replace(",", "")));
    }
  }

  @Test
  void aWholeGenerateSaysNothingOfAPart() throws Exception {
    PulseRun whole = PulseRun.run(Map.of(), "generate", "--installs", "2", "--days", "2", "--data-dir",
        dir.resolve("whole").toString());

    assertThat(whole.exitCode()).as(whole.output()).isZero();
    assertThat(whole.output()).contains("generated ").doesNotContain(PARTIAL);
  }
}
