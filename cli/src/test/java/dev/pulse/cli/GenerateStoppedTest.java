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

/** {@code pulse generate} stopped halfway says that the store holds part of a data set, and what to do. */
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
  void aWholeGenerateSaysNothingOfAPart() throws Exception {
    PulseRun whole = PulseRun.run(Map.of(), "generate", "--installs", "2", "--days", "2", "--data-dir",
        dir.resolve("whole").toString());

    assertThat(whole.exitCode()).as(whole.output()).isZero();
    assertThat(whole.output()).contains("generated ").doesNotContain(PARTIAL);
  }
}
