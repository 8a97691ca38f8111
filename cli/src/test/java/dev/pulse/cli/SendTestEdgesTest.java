package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.store.StoredCliCommand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse send-test} says what it can: a misspelt flag before a missing address, the address
 * flag in any case, a server's answer quoted, a refused connection as such, and a silent server. Only
 * the last waits out the command's 10 s; the others are told once the SDK gives the event up.
 */
class SendTestEdgesTest {

  @TempDir Path dataDir;
  @TempDir Path configHome;

  @Test
  void aMisspeltFlagIsToldBeforeTheMissingAddress() throws Exception {
    PulseRun misspelt = PulseRun.run(Map.of(), "send-test", "--telemtry-enabled=false");

    assertTold(misspelt, USAGE, "--telemtry-enabled");
    assertThat(misspelt.output()).contains("--telemetry-enabled").doesNotContain("--api-address=http://HOST:8080");
  }

  @Test
  void aSettingsFlagWrittenWithTheTelemetryPrefixIsToldAsItsOwnFlagNotTheNearestInLetters() throws Exception {
    PulseRun prefixed = PulseRun.run(Map.of(), "send-test", "--telemetry-api-address=http://127.0.0.1:8080");

    assertTold(prefixed, USAGE, "pulse send-test: unknown flag --telemetry-api-address=http://127.0.0.1:8080; did you"
        + " mean --api-address? Nothing was sent.");
  }

  @Test
  void telemetryTurnedOffIsAUsageMistakeNamingTheSettingNotASuccess() throws Exception {
    String address = "--api-address=http://127.0.0.1:" + Mistakes.closedPort();
    PulseRun flag = PulseRun.run(Map.of(), "send-test", address, "--telemetry-enabled=false");
    PulseRun doNotTrack = PulseRun.run(Map.of("DO_NOT_TRACK", "1"), "send-test", address);
    PulseRun usage = PulseRun.run(Map.of("OTTERIZE_TELEMETRY_USAGE_ENABLED", "false"), "send-test", address);

    assertTold(flag, USAGE, "pulse send-test: telemetry is turned off by --telemetry-enabled=false, so nothing was"
        + " sent: set it to true, or drop it, to test sending");
    assertTold(doNotTrack, USAGE, "telemetry is turned off by DO_NOT_TRACK in the environment, so nothing was sent:"
        + " unset DO_NOT_TRACK to test sending");
    assertTold(usage, USAGE, "usage telemetry (the test event is a usage event) is turned off by"
        + " OTTERIZE_TELEMETRY_USAGE_ENABLED=false in the environment, so nothing was sent");
  }

  @Test
  void theAddressFlagInAnyCaseIsTakenAsTheSdkTakesIt() throws Exception {
    // A real server that answers at once: the flag is taken when the event reaches it.
    try (PulseServer server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .adminToken("send-test-edges-test-token").build())) {
      String base = "http://127.0.0.1:" + server.port();
      PulseRun run = PulseRun.run(Map.of("XDG_CONFIG_HOME", configHome.toString()), "send-test",
          "--API-ADDRESS=" + base);

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("Delivered a test event to " + base + "/telemetry/query")
          .doesNotContain("send-test needs the server to send to");
      // It says what it sent: no first-run notice, which stays for the first component's run to show.
      assertThat(run.output()).doesNotContain("reports anonymous");
      assertThat(configHome.resolve("pulse").resolve("telemetry-notice-shown")).doesNotExist();
      List<StoredCliCommand> stored = new ArrayList<>();
      server.store().forEachCliCommand(stored::add);
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).command().verb()).isEqualTo("send-test");
    }
  }

  @Test
  void aComponentsOwnPrefixIsReadForTheAddressAndItsConfigDirectoryKeepsTheQuiet() throws Exception {
    try (PulseServer server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .adminToken("send-test-edges-test-token").build())) {
      String base = "http://127.0.0.1:" + server.port();
      Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString(), "MYTOOL_API_ADDRESS", base);

      PulseRun unprefixed = PulseRun.run(env, "send-test");
      PulseRun prefixed = PulseRun.run(env, "send-test", "--env-prefix", "MYTOOL");

      assertTold(unprefixed, USAGE, "send-test needs the server to send to: give --api-address=http://HOST:8080 (or set"
          + " OTTERIZE_API_ADDRESS)");
      assertThat(prefixed.exitCode()).as(prefixed.output()).isZero();
      assertThat(prefixed.output()).contains("Delivered a test event to " + base + "/telemetry/query");
    }
    try (Stalling.NeverAnswers silent = new Stalling.NeverAnswers()) {
      PulseRun run = PulseRun.run(Map.of("XDG_CONFIG_HOME", configHome.toString(), "MYTOOL_API_ADDRESS", silent.url()),
          "send-test", "--env-prefix=MYTOOL_");

      assertTold(run, FAILURE, "was not delivered: no answer within 10 s");
      assertThat(run.output()).contains("CLI runs here now leave that server alone for 15 min");
      assertThat(configHome.resolve("pulse").resolve("mytool")).as("the prefix's own config directory").isDirectory();
    }
  }

  @Test
  void aServerThatNeverAnswersIsToldAsNoAnswerWithinTheWaitWithTheQuietItLeavesForLaterRuns() throws Exception {
    try (Stalling.NeverAnswers silent = new Stalling.NeverAnswers()) {
      PulseRun run = PulseRun.run(Map.of("XDG_CONFIG_HOME", configHome.toString()), "send-test",
          "--api-address=" + silent.url());

      assertTold(run, FAILURE, "was not delivered: no answer within 10 s");
      assertThat(run.output()).contains("is a Pulse server listening there, and not overloaded?",
          "CLI runs here now leave that server alone for 15 min (pulse status shows it); send-test tries it anyway.");
    }
  }

  @Test
  void aServersAnswerIsQuotedNotToldAsNoAnswer() throws Exception {
    // A plain HTTP server: 501 for a POST it does not do, 404 where it serves nothing.
    HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    plain.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/page/")) { // a web page answered to any request
        byte[] page = "<html><body>Welcome</body></html>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
      } else {
        exchange.sendResponseHeaders(path.startsWith("/nothing/") ? 404 : 501, -1);
      }
      exchange.close();
    });
    plain.start();
    try {
      String base = "http://127.0.0.1:" + plain.getAddress().getPort();
      Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString());

      PulseRun notImplemented = PulseRun.run(env, "send-test", "--api-address=" + base);
      PulseRun notFound = PulseRun.run(env, "send-test", "--api-address=" + base + "/nothing");
      PulseRun aPage = PulseRun.run(env, "send-test", "--api-address=" + base + "/page");

      assertTold(notImplemented, FAILURE, "was not delivered: the server answered HTTP 501: is api-address the base URL"
          + " of a Pulse server?"); // as for a 404: no POST is taken there
      assertTold(notFound, FAILURE, "was not delivered: the server answered HTTP 404: is api-address the base URL of"
          + " a Pulse server?");
      assertTold(aPage, FAILURE, "was not delivered: the server answered with something other than a GraphQL"
          + " response: is api-address the base URL of a Pulse server?");
      assertThat(notImplemented.output() + notFound.output() + aPage.output()).doesNotContain("no answer", "within 10 s");
    } finally {
      plain.stop(0);
    }
  }

  @Test
  void aRefusedConnectionIsToldAsSuchOnceTheSdkGivesUpNotAsNoAnswerWithinTheWait() throws Exception {
    int port = Mistakes.closedPort();

    PulseRun run = PulseRun.run(Map.of("XDG_CONFIG_HOME", configHome.toString()), "send-test",
        "--api-address=http://127.0.0.1:" + port);

    assertTold(run, FAILURE, "was not delivered: could not connect to 127.0.0.1:" + port);
    assertThat(run.output()).doesNotContain("no answer", "within 10 s");
  }
}
