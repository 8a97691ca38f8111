package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in the command line itself, told as the battery of CLI mistakes tells them (a line or two,
 * the documented exit code: 1 failure, 2 usage; never a stack trace) before anything starts: an unknown
 * command or option, a stray argument, a value of the wrong kind, a setting that needs another, a file
 * that does not exist.
 */
class CommandLineMistakesTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path dir;

  @Test
  void aValueOfTheWrongKindIsRefusedInWordsNotJavaTypes() throws Exception {
    String data = dir.resolve("data").toString();
    String[][] cases = {
        {"'2030-13-01' is not a date YYYY-MM-DD (a UTC day from 1970-01-01 to 9999-12-31)", "generate", "--installs", "1", "--days", "1", "--last-day", "2030-13-01"},
        {"'abc' is not a number, such as 0.05", "serve", "--alert-webhook", "http://127.0.0.1:9", "--alert-error-rate", "abc"},
        {"'99999999999' is not a whole number from", "generate", "--installs", "99999999999", "--days", "1"},
        {"'x' is not a whole number", "generate", "--installs", "1", "--days", "1", "--seed", "x"},
        {"'maybe' is not true or false", "serve", "--public-stats=maybe"}};
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
      args.addAll(List.of("--data-dir", data));
      PulseRun run = PulseRun.run(NO_ENV, args.toArray(String[]::new));
      assertTold(run, USAGE, c[0]);
      assertThat(run.output()).as(c[0]).doesNotContain("java.", "double", "boolean", "LocalDate");
    }
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void anAlertSettingWithoutTheWebhookIsAUsageErrorAndStartsNothing() throws Exception {
    Path data = dir.resolve("data");
    PulseRun run = PulseRun.run(NO_ENV, "serve", "--alert-weekly-digest", "--data-dir", data.toString());
    assertTold(run, USAGE, "--alert-weekly-digest needs an alert webhook (--alert-webhook or PULSE_ALERT_WEBHOOK)");
    assertThat(data).doesNotExist();
  }

  @Test
  void aDemoOfNoInstallsIsAUsageErrorNotAFailure() throws Exception {
    assertTold(PulseRun.run(NO_ENV, "demo", "--installs", "0"), USAGE, "pulse demo: --installs must be at least 1, got 0");
  }

  @Test
  void aMissingImportFileIsAUsageErrorAndCreatesNoDataDir() throws Exception {
    Path dataDir = dir.resolve("imported");
    PulseRun run = PulseRun.run(NO_ENV, "import", dir.resolve("missing.ndjson").toString(),
        "--kind", "events", "--data-dir", dataDir.toString());
    assertTold(run, USAGE, "missing.ndjson does not exist");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void anUnknownCommandOrAStrayArgumentIsNamedWithoutArgumentIndexes() throws Exception {
    PulseRun command = PulseRun.run(NO_ENV, "serv");
    assertTold(command, USAGE, "pulse: unknown command 'serv' (did you mean serve?): one of help, serve, status,");
    assertThat(command.output()).doesNotContain("index");

    PulseRun stray = PulseRun.run(NO_ENV, "export", "events", "extra", "--data-dir", dir.toString());
    assertTold(stray, USAGE, "pulse export: unexpected argument 'extra'");
    assertThat(stray.output()).doesNotContain("index");
  }

  @Test
  void anUnknownOptionIsNamedWithoutTheValuesGivenWithItAndPointsAtHelpNotTheUsage() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "export", "events", "--colour", "--tokn", "s3cret-1", "--passwd=s3cret-2");
    assertTold(run, USAGE, "pulse export: unknown options '--colour', '--tokn' (did you mean --token?), '--passwd'");
    assertThat(run.output()).contains("pulse export --help").doesNotContain("Usage:").doesNotContain("s3cret");
  }

  @Test
  void aMisspeltOptionIsNamedBeforeTheRequiredOneItLeftOut() throws Exception {
    PulseRun purge = PulseRun.run(NO_ENV, "purge", "--tokn", "secret-value-0123", "--server", "http://127.0.0.1:9");
    PulseRun generate = PulseRun.run(NO_ENV, "generate", "--instals", "3", "--days", "1", "--data-dir",
        dir.resolve("data").toString());

    assertTold(purge, USAGE, "pulse purge: unknown option '--tokn' (did you mean --token?)");
    assertTold(generate, USAGE, "pulse generate: unknown option '--instals' (did you mean --installs?)");
    assertThat(purge.output() + generate.output()).doesNotContain("secret-value-0123", "is required");
  }
}
