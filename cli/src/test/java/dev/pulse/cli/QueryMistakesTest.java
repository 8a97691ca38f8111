package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in a {@code pulse query}, told as the battery of CLI mistakes tells them (a line or two, the
 * documented exit code: 1 failure, 2 usage; never a stack trace): impossible dates and ranges, an
 * unknown analysis, an option or a missing parameter the analysis does not take; and an empty answer
 * that is no mistake.
 */
class QueryMistakesTest {

  private static final String TOKEN = "cli-mistakes-test-token-0123";
  private static final String READ_TOKEN = "cli-mistakes-read-token-0123";
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir static Path serverDataDir;

  private static PulseServer server;
  private static String base;

  @BeforeAll
  static void startServer() {
    server = PulseServer.start(
        ServerConfig.builder().host("127.0.0.1").port(0).dataDir(serverDataDir).adminToken(TOKEN)
            .readToken(READ_TOKEN).build());
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void anImpossibleDateIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--from", "2025-02-30", "--server", base, "--token", TOKEN);
    assertTold(run, USAGE, "--from");
    assertThat(run.output()).contains("pulse query --help").doesNotContain("Usage:");
  }

  @Test
  void aReversedRangeIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--from", "2025-03-10", "--to", "2025-03-01",
        "--data-dir", serverDataDir.toString());
    assertTold(run, USAGE, "--from");
  }

  @Test
  void anOptionTheAnalysisDoesNotTakeIsAUsageErrorNotIgnored() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--by", "component", "--server", base, "--token", TOKEN);
    assertTold(run, USAGE, "--by does not apply to versions");
    PulseRun local = PulseRun.run(NO_ENV, "query", "active-installs", "--period", "week",
        "--data-dir", serverDataDir.toString());
    assertTold(local, USAGE, "--period does not apply to active-installs");
  }

  @Test
  void anUnknownAnalysisIsAUsageErrorListingTheKnownOnes() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "popularity", "--server", base, "--token", TOKEN);
    assertTold(run, USAGE, "unknown analysis 'popularity': one of active-installs,");
    assertThat(run.output()).doesNotContain("did you mean");

    PulseRun typo = PulseRun.run(NO_ENV, "query", "activeinstalls", "--server", base, "--token", TOKEN);
    assertTold(typo, USAGE, "unknown analysis 'activeinstalls' (did you mean active-installs?)");
  }

  @Test
  void anErrorAnalysisWithoutAFingerprintIsRefusedSayingWhereToFindOneNotAnsweredWithTheList() throws Exception {
    for (String analysis : List.of("error", "error-trend", "error-versions")) {
      PulseRun run = PulseRun.run(NO_ENV, "query", analysis, "--server", base, "--token", TOKEN);
      assertTold(run, USAGE, "--fingerprint is required: the error's fingerprint, as the errors analysis lists it");
    }
  }

  @Test
  void aQueryOverAServerWithNoRowsPrintsTheHeaderAsALocalOneDoes() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--component-version", "v9", "--server", base,
        "--token", TOKEN);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().strip()).matches("day\\s+version\\s+activeInstalls\\s+share");
  }
}
