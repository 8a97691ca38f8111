package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage mistakes that picocli or the settings would word in their own terms are told in ours: what
 * was wrong and what to give instead, exit code 2, nothing run.
 */
class UsageWordsTest {

  @TempDir Path dir;

  private final InProcessPulse pulse = new InProcessPulse();

  @Test
  void anOptionGivenLastWithoutItsValueIsToldAsThatNotAsMissing() {
    assertThat(pulse.run("query", "versions", "--data-dir", dir.toString(), "--format")).isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse query: --format needs a value after it (--format FORMAT)")
        .doesNotContain("is required");

    assertThat(pulse.run("export", "events", "--data-dir")).isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse export: --data-dir needs a value after it (--data-dir DATA-DIR)");
  }

  @Test
  void aValueOfTheWrongTypeIsToldAfterItsOptionNotInPicocliWords() {
    assertThat(pulse.run("serve", "--port", "lots", "--data-dir", dir.resolve("d").toString())).isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse serve: --port: 'lots' is not a port number: give a whole number from 0 to 65535")
        .doesNotContain("Invalid value");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void helpForAnUnknownCommandNamesTheCommandsWithTheOneProbablyMeant() {
    assertThat(pulse.run("help", "exprot")).isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse: unknown command 'exprot' (did you mean export?): one of help, serve,")
        .doesNotContain("Unknown subcommand");
  }

  @Test
  void generateSaysWhichSizeIsOutOfRange() {
    assertThat(pulse.run("generate", "--installs", "5", "--days", "0", "--data-dir", dir.resolve("d").toString()))
        .isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse generate: --days must be 1 to 3660 (ten years), got 0");
    assertThat(pulse.run("generate", "--installs", "0", "--days", "3", "--data-dir", dir.resolve("d").toString()))
        .isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse generate: --installs must be at least 1, got 0");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void aConfigFileThatIsEmptyOrADirectoryIsToldWithWhatToGive() throws Exception {
    // Processes: the file is read as pulse starts, before the command line is parsed.
    assertTold(PulseRun.run(Map.of(), "--config=", "status"), USAGE,
        "pulse status: --config is empty: give it a properties file, e.g. --config pulse.properties");
    assertTold(PulseRun.run(Map.of(), "--config", dir.toString(), "status"), USAGE,
        "pulse status: the config file " + dir + " is a directory: give --config a properties file");
  }

  @Test
  void aDuckDbStoreAndADataDirNamingAnotherDirAreRefusedNotOneIgnored() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    assertThat(pulse.run("export", "events", "--store", "duckdb:" + elsewhere, "--data-dir", dir.resolve("d").toString()))
        .isEqualTo(2);
    assertThat(pulse.err.toString()).contains("pulse export: --store duckdb:" + elsewhere + " and --data-dir "
        + dir.resolve("d") + " name two data dirs: give one of them");
    assertThat(pulse.out.toString()).isEmpty();
  }

  @Test
  void anEmptyAdminTokenOnTheCommandLineIsRefusedNotReplacedByAGeneratedOne() throws Exception {
    // A process: were the token taken, the server would start and keep running, in this JVM too.
    assertTold(PulseRun.run(Map.of(), "serve", "--port", "0", "--admin-token=", "--data-dir", dir.resolve("d").toString()),
        USAGE, "pulse serve: --admin-token is empty (an unset variable?): give the token, or leave the option out for"
            + " one generated at first start");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void completionForZshSaysHowZshTakesTheBashScript() {
    assertThat(pulse.run("completion", "zsh")).isEqualTo(2);
    assertThat(pulse.err.toString()).contains("completion is generated for bash, not zsh: in zsh, run autoload"
        + " bashcompinit && bashcompinit, then source <(pulse completion bash)");
  }
}
