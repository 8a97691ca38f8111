package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes at the edges of what the commands take: a data dir that cannot be one, a blank day, what is
 * missing, the help's word.
 */
class CommandEdgesTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path dir;

  @Test
  void aFileWhereTheDataDirShouldBeIsAUsageMistakeForEveryCommandThatWritesOne() throws Exception {
    Path lines = Files.write(dir.resolve("events.ndjson"), ExportLines.events(2));
    Path backup = Files.writeString(dir.resolve("bk.duckdb"), "not read");
    String inTheWay = lines.toString();
    String[][] commands = {
        {"import", "events", lines.toString(), "--data-dir", inTheWay},
        {"generate", "--installs", "1", "--days", "1", "--data-dir", inTheWay},
        {"demo", "--installs", "1", "--port", "0", "--data-dir", inTheWay},
        {"restore", backup.toString(), "--data-dir", inTheWay},
        {"import", "events", lines.toString(), "--data-dir", dir.resolve("events.ndjson/sub").toString()}};
    for (String[] command : commands) {
      PulseRun run = PulseRun.run(NO_ENV, command);
      assertTold(run, USAGE, "pulse " + command[0] + ": cannot use the data dir " + command[command.length - 1]
          + ": a file is in the way where a directory is needed");
      assertThat(run.output()).contains("give --data-dir a directory you may write to");
    }
  }

  @Test
  void aDataDirThatCannotBeCreatedIsAUsageMistake() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "generate", "--installs", "1", "--days", "1", "--data-dir", "/proc/pulse-x");
    assertTold(run, USAGE, "pulse generate: cannot use the data dir /proc/pulse-x: ");
  }

  @Test
  void aBlankOptionIsAUsageMistakeNotTheOptionLeftOut() throws Exception {
    for (String option : new String[] {"--from", "--to"}) {
      PulseRun run = PulseRun.run(NO_ENV, "export", "events", "--data-dir", dir.toString(), option, "");
      assertTold(run, USAGE, "pulse export: " + option + ": '' is not a date YYYY-MM-DD; leave " + option
          + " out for no bound");
    }
    PulseRun from = PulseRun.run(NO_ENV, "query", "versions", "--data-dir", dir.toString(), "--from", "");
    assertTold(from, USAGE, "pulse query: --from: '' is not a date YYYY-MM-DD; leave --from out for 27 days"
        + " before --to");
    PulseRun component = PulseRun.run(NO_ENV, "query", "versions", "--data-dir", dir.toString(), "--component", " ");
    assertTold(component, USAGE, "pulse query: --component: ' ' is not a component type; leave --component out"
        + " for every component");
  }

  @Test
  void aLastDayAfterTodayIsAUsageMistakeAndWritesNothing() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path data = dir.resolve("data");
    PulseRun run = PulseRun.run(NO_ENV, "generate", "--installs", "1", "--days", "1",
        "--last-day", today.plusDays(2).toString(), "--data-dir", data.toString());

    assertTold(run, USAGE, "pulse generate: --last-day " + today.plusDays(2) + " is after today (");
    assertThat(run.output()).contains(", UTC): give today or an earlier day");
    assertThat(data).doesNotExist();
  }

  @Test
  void whatIsMissingIsNamedAsTheHelpNamesItWithWhatItTakes() throws Exception {
    PulseRun export = PulseRun.run(NO_ENV, "export");
    PulseRun generate = PulseRun.run(NO_ENV, "generate", "--data-dir", dir.toString());

    assertTold(export, USAGE, "pulse export: KIND is required: what to export: events, cli or errors");
    assertTold(generate, USAGE, "pulse generate: --installs and --days are required");
    assertThat(export.output() + generate.output()).doesNotContain("Missing");
  }

  @Test
  void demoHelpOffersNoQuietItRefuses() throws Exception {
    PulseRun help = PulseRun.run(NO_ENV, "demo", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.output()).contains("--log-level").doesNotContain("--quiet");
  }
}
