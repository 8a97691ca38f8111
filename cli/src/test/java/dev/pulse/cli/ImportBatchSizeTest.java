package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse import --batch-size N}, in real processes: the records of a transaction (of a request
 * with {@code --server}) are N, what a stop keeps is whole batches of N and the message names N; a
 * size outside 1 to 50,000 is a usage mistake told in words.
 */
class ImportBatchSizeTest {

  private static final String TOKEN = "import-batch-size-test-token";

  @TempDir Path dir;

  @Test
  void aBatchSizeOutsideOneTo50000IsAUsageMistakeNamingTheOptionTheValueAndTheRange() throws Exception {
    Path file = Files.write(dir.resolve("events.ndjson"), ExportLines.events(3));
    Path data = dir.resolve("data");
    for (String size : List.of("0", "-1", "50001")) {
      PulseRun run = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size", size,
          "--data-dir", data.toString());

      assertTold(run, USAGE, "--batch-size " + size + " is out of range: give 1 to 50,000 records");
      assertThat(data).as("refused before the store is opened").doesNotExist();
    }
    PulseRun notANumber = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size=ten",
        "--data-dir", data.toString());
    assertTold(notANumber, USAGE, "--batch-size");
    assertThat(notANumber.output()).contains("ten");

    PulseRun largest = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size", "50000",
        "--data-dir", data.toString());
    assertThat(largest.exitCode()).as(largest.output()).isZero();
    assertThat(largest.output()).contains("imported 3 events into");
  }

  @Test
  void aBadLineKeepsTheWholeBatchesOfTheChosenSizeBeforeItAndTheFixedFileAddsTheRest() throws Exception {
    List<String> lines = ExportLines.events(7);
    Path file = dir.resolve("events.ndjson");
    Files.write(file, broken(lines, 6)); // in the third batch of two
    String data = dir.resolve("data").toString();

    PulseRun stopped = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size", "2",
        "--data-dir", data);

    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
    assertThat(stopped.output()).contains("pulse import: stopped at line 6: ")
        .contains("4 records were imported and 0 skipped as already present, in the batches of 2 before it.");
    assertThat(exported("--data-dir", data)).containsExactlyInAnyOrderElementsOf(lines.subList(0, 4));

    Files.write(file, lines);
    PulseRun fixed = PulseRun.run(Map.of(), "import", "events", file.toString(), "--batch-size", "2",
        "--data-dir", data);
    assertThat(fixed.exitCode()).as(fixed.output()).isZero();
    assertThat(fixed.output()).contains("imported 3 events into").contains("skipped 4 already present");
    assertThat(exported("--data-dir", data)).containsExactlyInAnyOrderElementsOf(lines);
  }

  @Test
  void withAServerEachRequestHoldsTheChosenSizeAndABadLineKeepsTheRequestsBeforeIt() throws Exception {
    List<String> lines = ExportLines.events(7);
    Path file = dir.resolve("events.ndjson");
    Files.write(file, broken(lines, 6)); // in the third request of two records
    Map<String, String> env = Map.of("PULSE_ADMIN_TOKEN", TOKEN);
    try (ServeProcess server = ServeProcess.start(dir.resolve("data"), TOKEN)) {
      String url = server.uri("").toString();

      PulseRun stopped = PulseRun.run(env, "import", "events", file.toString(), "--batch-size", "2", "--server", url);

      assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
      assertThat(stopped.output()).contains("pulse import: stopped at line 6: ")
          .contains("4 records were imported and 0 skipped as already present, in requests of up to 2 records"
              + " before it.");
      assertThat(exported(env, "--server", url)).containsExactlyInAnyOrderElementsOf(lines.subList(0, 4));
    }
  }

  private static List<String> broken(List<String> lines, int lineNumber) {
    List<String> broken = new ArrayList<>(lines);
    broken.set(lineNumber - 1, "{\"receivedAt\":\"yesterday\"}");
    return broken;
  }

  private static List<String> exported(String... store) throws Exception {
    return exported(Map.of(), store);
  }

  private static List<String> exported(Map<String, String> env, String... store) throws Exception {
    List<String> args = new ArrayList<>(List.of("export", "events"));
    args.addAll(List.of(store));
    PulseRun export = PulseRun.run(env, args.toArray(String[]::new));
    assertThat(export.exitCode()).as(export.output()).isZero();
    return export.output().lines().filter(l -> l.startsWith("{")).toList();
  }
}
