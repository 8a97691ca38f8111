package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mistakes in a {@code pulse query}, told as the battery of CLI mistakes tells them (a line or two, the
 * documented exit code: 1 failure, 2 usage; never a stack trace): impossible dates and ranges, an
 * unknown analysis, an option or a missing parameter the analysis does not take; and an empty answer
 * that is no mistake.
 */
class QueryMistakesTest {

  private static final String TOKEN = TokenServer.TOKEN;
  private static final String READ_TOKEN = TokenServer.READ_TOKEN;
  private static final Map<String, String> NO_ENV = Map.of();

  @RegisterExtension static final TokenServer SERVER = new TokenServer();

  @Test
  void anImpossibleDateIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--from", "2025-02-30", "--server", SERVER.base(),
        "--token", TOKEN);
    assertTold(run, USAGE, "--from");
    assertThat(run.output()).contains("pulse query --help").doesNotContain("Usage:");
  }

  @Test
  void aReversedRangeIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--from", "2025-03-10", "--to", "2025-03-01",
        "--data-dir", SERVER.dataDir().toString());
    assertTold(run, USAGE, "--from");
  }

  @Test
  void anOptionTheAnalysisDoesNotTakeIsAUsageErrorNotIgnored() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--by", "component", "--server", SERVER.base(),
        "--token", TOKEN);
    assertTold(run, USAGE, "--by does not apply to versions");
    PulseRun local = PulseRun.run(NO_ENV, "query", "active-installs", "--period", "week",
        "--data-dir", SERVER.dataDir().toString());
    assertTold(local, USAGE, "--period does not apply to active-installs");
  }

  @Test
  void anUnknownAnalysisIsAUsageErrorListingTheKnownOnes() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "popularity", "--server", SERVER.base(), "--token", TOKEN);
    assertTold(run, USAGE, "unknown analysis 'popularity': one of active-installs,");
    assertThat(run.output()).doesNotContain("did you mean");

    PulseRun typo = PulseRun.run(NO_ENV, "query", "activeinstalls", "--server", SERVER.base(), "--token", TOKEN);
    assertTold(typo, USAGE, "unknown analysis 'activeinstalls' (did you mean active-installs?)");
  }

  @Test
  void anErrorAnalysisWithoutAFingerprintIsRefusedSayingWhereToFindOneNotAnsweredWithTheList() throws Exception {
    for (String analysis : List.of("error", "error-trend", "error-versions")) {
      PulseRun run = PulseRun.run(NO_ENV, "query", analysis, "--server", SERVER.base(), "--token", TOKEN);
      assertTold(run, USAGE, "--fingerprint is required: the error's fingerprint, as the errors analysis lists it");
    }
  }

  @Test
  void aQueryOverAServerWithNoRowsPrintsTheHeaderAsALocalOneDoes() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--component-version", "v9", "--server", SERVER.base(),
        "--token", TOKEN);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().strip()).matches("day\\s+version\\s+activeInstalls\\s+share");
  }
}
