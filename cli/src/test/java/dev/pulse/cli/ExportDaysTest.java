package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse export --from --to} in real processes: the records of whole UTC days, from the store
 * and from a running server alike, so that a nightly job exports each day once.
 */
class ExportDaysTest {

  private static final int DAYS = 5;
  private static final int PER_DAY = 40;
  private static final String TOKEN = "export-days-admin-token";
  private static final List<String> LINES = ExportLines.eventsOnDays(DAYS, PER_DAY);

  @TempDir static Path dir;
  private static String data;

  @BeforeAll
  static void storeFiveDays() throws Exception {
    Path file = Files.write(dir.resolve("events.ndjson"), LINES);
    data = dir.resolve("data").toString();
    PulseRun imported = PulseRun.run(ExportLines.KEYED, "import", file.toString(), "--kind", "events", "--data-dir", data);
    assertThat(imported.exitCode()).as(imported.output()).isZero();
  }

  @Test
  void exportsTheDaysFromToBothIncludedFromTheStore() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "--from", "2026-11-02", "--to",
        "2026-11-03");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().lines()).containsExactlyElementsOf(LINES.subList(PER_DAY, 3 * PER_DAY));
  }

  @Test
  void aDashForOutputIsStandardOutputNotAFileNamedDash() throws Exception {
    PulseRun run = PulseRun.runIn(dir, Map.of(), "export", "events", "--data-dir", data, "--from", "2026-11-02",
        "--to", "2026-11-02", "-o", "-");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().lines()).containsExactlyElementsOf(LINES.subList(PER_DAY, 2 * PER_DAY));
    assertThat(dir.resolve("-")).doesNotExist();
  }

  @Test
  void exportsEachDayOnceFromARunningServer() throws Exception {
    Path days = Files.createDirectory(dir.resolve("days"));
    try (ServeProcess server = ServeProcess.start(Path.of(data), served())) {
      for (int day = 1; day <= DAYS; day++) {
        String date = "2026-11-0" + day;
        PulseRun run = PulseRun.run(Map.of(), "export", "events", "--server", server.uri("").toString(), "--token",
            TOKEN, "--from", date, "--to", date, "-o", days.resolve(date + ".ndjson").toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
      }
    }
    for (int day = 1; day <= DAYS; day++) {
      assertThat(Files.readAllLines(days.resolve("2026-11-0" + day + ".ndjson")))
          .containsExactlyElementsOf(LINES.subList((day - 1) * PER_DAY, day * PER_DAY));
    }
  }

  @Test
  void aDayThatIsNotADateOrAFirstDayAfterTheLastIsAUsageMistake() throws Exception {
    assertTold(PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "--from", "yesterday"), USAGE,
        "pulse export: --from: not a date YYYY-MM-DD (a UTC day from 1970-01-01 to 9999-12-31): \"yesterday\"");
    assertTold(PulseRun.run(Map.of(), "export", "events", "--data-dir", data, "--from", "2026-11-03", "--to",
        "2026-11-02"), USAGE, "pulse export: --from: the first day 2026-11-03 is after the last day 2026-11-02");
  }

  private static Map<String, String> served() {
    Map<String, String> env = new java.util.HashMap<>(ExportLines.KEYED);
    env.put("PULSE_ADMIN_TOKEN", TOKEN);
    return env;
  }
}
