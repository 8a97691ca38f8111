package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in where a command acts, told as the battery of CLI mistakes tells them (a line or two, the
 * documented exit code: 1 failure, 2 usage; never a stack trace unless --debug asks for one): a
 * --server that is down, unknown, not Pulse, not trusted or not a URL, a token it refuses, and a data
 * dir a running server holds.
 */
class AccessMistakesTest {

  private static final String TOKEN = TokenServer.TOKEN;
  private static final String READ_TOKEN = TokenServer.READ_TOKEN;
  private static final Map<String, String> NO_ENV = Map.of();

  @RegisterExtension static final TokenServer SERVER = new TokenServer();

  @Test
  void aWrongTokenIsAFailureNamingTheToken() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server", SERVER.base(), "--token",
        "wrong-token-0123456789");
    assertTold(run, FAILURE, "refused the token given with --token (401): it is neither its admin token nor its read");
  }

  @Test
  void theReadTokenQueriesButCannotPurgeAndIsToldWhichTokenCan() throws Exception {
    // Without an admin token, the tools take the read token of the environment.
    assertThat(PulseRun.run(Map.of("PULSE_READ_TOKEN", READ_TOKEN), "query", "versions", "--server",
        SERVER.base()).exitCode())
        .isZero();
    PulseRun run = PulseRun.run(NO_ENV, "purge", "--context-id", "some-install", "--server", SERVER.base(),
        "--token", READ_TOKEN);
    assertTold(run, FAILURE, "takes this token for reads only: give the admin token with --token");
  }

  @Test
  void aMissingTokenIsAUsageError() throws Exception {
    assertTold(PulseRun.run(NO_ENV, "export", "events", "--server", SERVER.base()), USAGE, "--token");
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
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server", "http://no-such-host.invalid",
        "--token", TOKEN);
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
        assertTold(run, USAGE,
            "answered 404 with a page that is not Pulse's: is --server the address of a Pulse server?");
        assertThat(run.output()).as(command[0]).doesNotContain("<html", "no records");
      }
      PulseRun proxy = PulseRun.run(NO_ENV, "query", "versions", "--server", other.url(502), "--token", TOKEN);
      assertTold(proxy, FAILURE,
          "failed (502) with an answer that is not Pulse's: a proxy in front of it may have answered");
    }
  }

  @Test
  void aPulseErrorIsQuotedByItsMessage() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "purge", "--context-id", "abc", "--server", SERVER.base() + "/prefix",
        "--token", TOKEN);
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
    PulseRun run = PulseRun.run(NO_ENV, "export", "events", "--server", "https://127.0.0.1:" + SERVER.port(),
        "--token", TOKEN);
    assertTold(run, USAGE, "the server at https://127.0.0.1:" + SERVER.port() + " does not speak TLS: give --server"
        + " with http://");
  }

  @Test
  void aServerUrlWithoutSchemeIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server", "localhost:" + SERVER.port(),
        "--token", TOKEN);
    assertTold(run, USAGE, "http://localhost:8080");
  }

  @Test
  void aDataDirHeldByARunningServerIsAFailureSayingWhatThisCommandCanDo() throws Exception {
    String dir = SERVER.dataDir().toString();
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
  void debugShowsTheStackTrace() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "query", "versions", "--server",
        "http://127.0.0.1:" + Mistakes.closedPort(), "--token", TOKEN, "--debug");
    assertThat(run.exitCode()).isEqualTo(FAILURE);
    assertThat(run.output()).contains("cannot reach a server").contains("\tat ");
  }
}
