package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The battery of CLI mistakes: each one is told in a line or two with the documented exit code (1
 * failure, 2 usage) and never as a stack trace, unless --debug asks for one.
 */
class CliMistakesTest {

  private static final String TOKEN = "cli-mistakes-test-token-0123";
  private static final String READ_TOKEN = "cli-mistakes-read-token-0123";
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir static Path serverDataDir;
  @TempDir Path dir;

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
  void aWrongTokenIsAFailureNamingTheToken() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server", base, "--token", "wrong-token-0123456789");
    assertTold(run, FAILURE, "refused the token given with --token (401): it is neither its admin token nor its read");
  }

  @Test
  void theReadTokenQueriesButCannotPurgeAndIsToldWhichTokenCan() throws Exception {
    // Without an admin token, the tools take the read token of the environment.
    assertThat(PulseRun.run(Map.of("PULSE_READ_TOKEN", READ_TOKEN), "query", "versions", "--server", base).exitCode())
        .isZero();
    PulseRun run = PulseRun.run(NO_ENV, "purge", "--context-id", "some-install", "--server", base,
        "--token", READ_TOKEN);
    assertTold(run, FAILURE, "takes this token for reads only: give the admin token with --token");
  }

  @Test
  void aMissingTokenIsAUsageError() throws Exception {
    assertTold(PulseRun.run(NO_ENV, "export", "events", "--server", base), USAGE, "--token");
  }

  @Test
  void aServerThatIsDownIsAFailure() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server",
        "http://127.0.0.1:" + Mistakes.closedPort(), "--token", TOKEN);
    assertTold(run, FAILURE, "cannot reach a server");

    int proxyPort = Mistakes.closedPort();
    PulseRun proxied = PulseRun.run(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxyPort), "query", "versions",
        "--server", "http://pulse.proxied.test:8080", "--token", TOKEN);
    assertTold(proxied, FAILURE, "cannot reach http://pulse.proxied.test:8080 through the proxy 127.0.0.1:"
        + proxyPort + " (HTTP_PROXY): is the proxy up");
  }

  @Test
  void aServerNameThatDoesNotResolveIsNamed() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server", "http://no-such-host.invalid", "--token", TOKEN);
    assertTold(run, FAILURE, "cannot find the host no-such-host.invalid of --server: is the name right?");
  }

  @Test
  void aServerThatIsNotPulseIsToldAsSuchNotQuotedAsHtml() throws Exception {
    try (NotPulse other = NotPulse.start()) {
      for (String[] command : new String[][] {
          {"query", "versions"}, {"export", "events"}, {"purge", "--context-id", "abc"}}) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--server", other.url(404), "--token", TOKEN));
        PulseRun run = PulseRun.run(NO_ENV, args.toArray(String[]::new));
        assertTold(run, USAGE, "answered 404 with a page that is not Pulse's: is --server the address of a Pulse server?");
        assertThat(run.output()).as(command[0]).doesNotContain("<html", "no records");
      }
      PulseRun proxy = PulseRun.run(NO_ENV, "query", "versions", "--server", other.url(502), "--token", TOKEN);
      assertTold(proxy, FAILURE, "failed (502) with an answer that is not Pulse's: a proxy in front of it may have answered");
    }
  }

  @Test
  void aPulseErrorIsQuotedByItsMessage() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "purge", "--context-id", "abc", "--server", base + "/prefix", "--token", TOKEN);
    assertTold(run, USAGE, "the server refused the request (404): no such resource: DELETE /prefix/api/v1/installs/abc;"
        + " give --server as the server's base URL");
    assertThat(run.output()).doesNotContain("{\"errors\"");
  }

  @Test
  void aCertificateJavaDoesNotTrustIsNamedWithTheWayToTrustItNotTheJdksClasses(@TempDir Path dir) throws Exception {
    try (SelfSignedServer tls = SelfSignedServer.start(dir)) {
      PulseRun run = PulseRun.run(NO_ENV, "export", "events", "--server", tls.url(), "--token", TOKEN);

      assertTold(run, FAILURE, "the server at " + tls.url() + " has a certificate Java does not trust: add it, or its"
          + " authority's, to a trust store (JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=FILE)");
      assertThat(run.output()).doesNotContain("sun.security").doesNotContain("PKIX");
    }
  }

  @Test
  void httpsToAPlainHttpServerSaysToUseHttp() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "export", "events", "--server", "https://127.0.0.1:" + server.port(),
        "--token", TOKEN);
    assertTold(run, USAGE, "the server at https://127.0.0.1:" + server.port() + " does not speak TLS: give --server"
        + " with http://");
  }

  @Test
  void anImpossibleDateIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--from", "2025-02-30", "--server", base, "--token", TOKEN);
    assertTold(run, USAGE, "--from");
    assertThat(run.output()).contains("pulse query --help").doesNotContain("Usage:");
  }

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

  @Test
  void aServerUrlWithoutSchemeIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server", "localhost:" + server.port(), "--token", TOKEN);
    assertTold(run, USAGE, "http://localhost:8080");
  }

  @Test
  void sendTestWithoutAnAddressIsAUsageErrorNotTelemetryOff() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "send-test");
    assertTold(run, USAGE, "--api-address=http://HOST:8080");
    assertThat(run.output()).doesNotContain("Telemetry is off");
  }

  @Test
  void sendTestWithABadAddressOrAMisspeltFlagIsAUsageErrorNotTelemetryOff() throws Exception {
    PulseRun bad = PulseRun.run(NO_ENV, "send-test", "--api-address=ftp://x");
    assertTold(bad, USAGE, "invalid value 'ftp://x' for api-address");
    assertThat(bad.output()).contains("expected an http or https URL. Nothing was sent.")
        .doesNotContain("Telemetry is off").doesNotContain("WARNING").doesNotContain("using the default")
        .doesNotContain("ignored");

    PulseRun portless = PulseRun.run(NO_ENV, "send-test", "--api-address=http://localhost:99999");
    assertTold(portless, USAGE, "the port 99999 is not between 1 and 65535. Nothing was sent.");

    PulseRun misspelt = PulseRun.run(NO_ENV, "send-test", "--api-address=" + base, "--telemetry-debg=true");
    assertTold(misspelt, USAGE, "--telemetry-debg");
    assertThat(misspelt.output()).contains("--telemetry-debug");
  }

  @Test
  void sendTestToAnAddressThatIsNoPulseServerSaysWhyItWasNotDelivered() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "send-test", "--api-address=" + base + "/nope");
    assertTold(run, FAILURE, "was not delivered");
    assertThat(run.output()).contains("the server answered HTTP 404: is api-address the base URL of a Pulse server?");
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
  void aDataDirHeldByARunningServerIsAFailureSayingWhatThisCommandCanDo() throws Exception {
    String dir = serverDataDir.toString();
    PulseRun export = PulseRun.run(NO_ENV, "export", "events", "--data-dir", dir);
    PulseRun generate = PulseRun.run(NO_ENV, "generate", "--installs", "2", "--days", "1", "--data-dir", dir);
    PulseRun serve = PulseRun.run(NO_ENV, "serve", "--port", "0", "--data-dir", dir);

    assertTold(export, FAILURE, "in use by another process");
    assertThat(export.output()).contains("stop it, or ask that server with --server");
    assertTold(generate, FAILURE, "in use by another process");
    assertThat(generate.output()).contains("stop it first: this command writes into the store itself")
        .doesNotContain("--server");
    assertTold(serve, FAILURE, "in use by another process");
    assertThat(serve.output()).contains("stop it, or give this server another --data-dir").doesNotContain("--server");
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
  void debugShowsTheStackTrace() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server",
        "http://127.0.0.1:" + Mistakes.closedPort(), "--token", TOKEN, "--debug");
    assertThat(run.exitCode()).isEqualTo(FAILURE);
    assertThat(run.output()).contains("cannot reach a server").contains("\tat ");
  }
}
