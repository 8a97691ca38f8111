package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.access.Target;
import dev.pulse.server.analytics.api.Analysis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command has a whole one-line summary, help with an example and the exit codes, and a
 * version. Checked for every command on the command line as {@code main} builds it, and in real
 * {@code pulse} processes for the commands the issue names.
 */
class HelpAndVersionTest {

  private static List<String> commands() {
    return PulseCommand.commandLine().getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
  }

  @Test
  void everyCommandHasHelpWithAnExampleAndTheExitCodes() {
    for (String command : commands()) {
      Printed help = execute(command, "--help");
      assertThat(help.code).as(command).isZero();
      assertThat(help.out).as(command)
          .contains("Usage: pulse " + command, "Example", "Exit codes:", "-V, --version")
          .doesNotContain("docs/");
    }
  }

  @Test
  void everyCommandPrintsTheVersion() {
    for (String command : commands()) {
      Printed version = execute(command, "--version");
      assertThat(version.code).as(command).isZero();
      assertThat(version.out.strip()).as(command).startsWith("pulse ").hasLineCount(1);
    }
  }

  @Test
  void serveAndStatusPrintTheVersionInARealProcess() throws Exception {
    for (String[] args : List.of(new String[] {"serve", "--version"}, new String[] {"status", "-V"})) {
      PulseRun run = PulseRun.run(Map.of(), args);
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output().strip()).startsWith("pulse ").hasLineCount(1);
    }
  }

  @Test
  void everySummaryInTheCommandListIsAWholeSentence() {
    CommandLine root = PulseCommand.commandLine();
    for (String command : commands()) {
      String summary = root.getSubcommands().get(command).getCommandSpec().usageMessage().description()[0];
      assertThat(summary).as(command).endsWith(".").doesNotContain("docs/");
    }
  }

  @Test
  void sendTestHelpListsTheTelemetryFlags() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "send-test", "--help");
    assertThat(run.output()).contains("--api-address=URL", "--telemetry-enabled", "--telemetry-debug");
  }

  @Test
  void queryFiltersByComponentVersionWithoutTakingTheVersionFlag() {
    assertThat(execute("query", "--help").out).contains("--component-version=VERSION");
  }

  @Test
  void theHelpNamesEveryKeyAConfigFileTakes() {
    String help = execute("--help").out.replaceAll("\\s+", " ");

    assertThat(help).contains("Keys: " + String.join(", ", Settings.KEYS) + ".");
  }

  @Test
  void queryHelpNamesEveryAnalysisOfTheApi() {
    String help = execute("query", "--help").out.replaceAll("\\s+", " ");

    assertThat(help).contains("one of: " + String.join(", ", Analysis.NAMES));
  }

  @Test
  void importHelpGivesTheWaitOfAnImportsAnswersAndEveryUnitOfTheReserve() {
    String help = execute("import", "--help").out.replaceAll("\\s+", " ");

    assertThat(help).contains("an import's answer to each request: " + Target.IMPORT_WAIT_SECONDS)
        .contains("KiB, MiB, GiB, TiB");
  }

  @Test
  void completionPrintsABashScriptOfEveryCommand() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "completion", "bash");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("complete -F", "serve", "export", "--data-dir", "--component-version");
  }

  private record Printed(int code, String out) {}

  private static Printed execute(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = PulseCommand.commandLine();
    line.setOut(new PrintWriter(out, true));
    int code = line.execute(args);
    return new Printed(code, out.toString());
  }
}
