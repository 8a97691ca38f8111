package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code pulse serve} says when it cannot start, and what it leaves behind then. */
class ServeStartupTest {

  @TempDir Path dir;

  @Test
  void aPortInUseIsOneLineWritesNoTokenAndTheNextStartPrintsAFreshOne() throws Exception {
    Path dataDir = dir.resolve("data");
    PulseRun failed;
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      failed = PulseRun.run(Map.of(), "serve", "--host", "127.0.0.1", "--port",
          Integer.toString(taken.getLocalPort()), "--data-dir", dataDir.toString());
    }
    assertTold(failed, USAGE, "is in use");
    assertThat(failed.lines()).hasSize(1);
    assertThat(dataDir.resolve("admin-token.sha256")).doesNotExist();
    assertThat(dataDir).doesNotExist();

    try (ServeProcess next = ServeProcess.start(dataDir, Map.of())) {
      assertThat(next.awaitOutput("admin token (shown once", Duration.ofSeconds(30))).contains("admin token (shown once");
    }
  }

  @Test
  void aHostThatIsNotThisMachinesIsToldAsSuchNotAsAPortInUse() throws Exception {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine. Port 0 skips the early
    // check, so both the check and Jetty's own bind are covered.
    for (String port : List.of(Integer.toString(Mistakes.closedPort()), "0")) {
      PulseRun run = PulseRun.run(Map.of(), "serve", "--host", "192.0.2.1", "--port", port,
          "--data-dir", dir.resolve("data").toString());
      assertTold(run, USAGE, "192.0.2.1 is not an address of this machine");
      assertThat(run.output()).as(port).doesNotContain("in use");
    }
  }

  @Test
  void theStartLinesNameWhereRecordsGoWhereTheTokenAndKeyComeFromTheRetentionAndTheTrustedProxies() throws Exception {
    Path dataDir = dir.resolve("data");
    Path records = dir.resolve("records");
    try (ServeProcess server = ServeProcess.start(dataDir,
        Map.of("PULSE_BASE_PATH", "/pulse/", "PULSE_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8",
            "PULSE_ADMIN_TOKEN", "start-lines-admin-token", "PULSE_CONTEXT_KEY", "start-lines-context-key",
            "PULSE_RETENTION_CLI_COMMANDS_DAYS", "1"),
        "--store=duckdb:" + records)) {
      assertThat(server.awaitOutput("  trusted proxies", Duration.ofSeconds(30)))
          .contains("\n  trusted proxies (2): 10.0.0.0/8,fd00::/8; ")
          .contains("records in DuckDB in " + records.toAbsolutePath())
          // Neither is in the data dir: the line says where each is.
          .contains("admin token from PULSE_ADMIN_TOKEN, context key from PULSE_CONTEXT_KEY")
          .contains("retention: events 90 days, CLI commands 1 day, errors 90 days;")
          .containsPattern("dashboard: http://127.0.0.1:\\d+/pulse/\n")
          .containsPattern("telemetry endpoint: http://127.0.0.1:\\d+/pulse/telemetry/query;");
    }
  }

  @Test
  void aBasePathThatIsNotAPathACertificateWithoutItsKeyOrATrustedProxyThatIsNoAddressIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "serve", "--port", "0", "--base-path", "pulse dashboard",
        "--data-dir", dir.resolve("data").toString());
    assertTold(run, USAGE, "base-path must be a path such as /pulse");

    PulseRun tls = PulseRun.run(Map.of("PULSE_TLS_CERT", "fullchain.pem"), "serve", "--port", "0",
        "--data-dir", dir.resolve("data").toString());
    assertTold(tls, USAGE, "PULSE_TLS_CERT needs its private key (--tls-key or PULSE_TLS_KEY): give the certificate's"
        + " private key too");

    PulseRun proxies = PulseRun.run(Map.of("PULSE_TRUSTED_PROXIES", "10.0.0.0/8, ingress-nginx"), "serve",
        "--port", "0", "--data-dir", dir.resolve("data").toString());
    assertTold(proxies, USAGE, "PULSE_TRUSTED_PROXIES: 'ingress-nginx' is not an IP address or a CIDR range;");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void anErrorRateOutOfRangeIsToldAsThatEvenWithoutAWebhook() throws Exception {
    PulseRun rate = PulseRun.run(Map.of("PULSE_ALERT_ERROR_RATE", "2"), "serve", "--port", "0",
        "--data-dir", dir.resolve("data").toString());

    assertTold(rate, USAGE, "pulse serve: PULSE_ALERT_ERROR_RATE must be above 0 and at most 1, got 2.0");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aSettingRefusedForWantOfAnotherOrForEqualingItIsNamedWhereEachWasGiven() throws Exception {
    PulseRun rate = PulseRun.run(Map.of("PULSE_ALERT_ERROR_RATE", "0.5"), "serve", "--port", "0",
        "--data-dir", dir.resolve("data").toString());
    assertTold(rate, USAGE, "pulse serve: PULSE_ALERT_ERROR_RATE needs an alert webhook (--alert-webhook or"
        + " PULSE_ALERT_WEBHOOK): where should the alerts go?");

    String token = "the-same-token-for-both";
    PulseRun same = PulseRun.run(Map.of("PULSE_ADMIN_TOKEN", token, "PULSE_READ_TOKEN", token), "serve", "--port", "0",
        "--data-dir", dir.resolve("data").toString());
    assertTold(same, USAGE, "pulse serve: PULSE_READ_TOKEN must differ from the admin token (PULSE_ADMIN_TOKEN)");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void logLevelAndFormatFlagsBeatTheEnvironmentAndABadOneIsNamed() throws Exception {
    Path dataDir = dir.resolve("data");
    try (ServeProcess server = ServeProcess.start(dataDir, Map.of("PULSE_LOG_LEVEL", "warn"),
        "--log-level=info", "--log-format", "json")) {
      assertThat(server.awaitOutput("Pulse listening on", Duration.ofSeconds(30)))
          .containsPattern("\\{\"[^\n]*\"level\":\"INFO\"[^\n]*Pulse listening on");
    }

    PulseRun bad = PulseRun.run(Map.of(), "serve", "--port", "0", "--log-level", "wran", "--data-dir", dataDir.toString());
    assertTold(bad, USAGE, "pulse serve: --log-level must be one of trace, debug, info, warn, error, off, not 'wran'"
        + " (did you mean warn?)");
  }

  @Test
  void aBadStoreUrlIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "serve", "--port", "0", "--store", "mysql://db/pulse",
        "--data-dir", dir.resolve("data").toString());
    assertTold(run, USAGE, "postgresql://");
  }

  @Test
  void aDatabaseThatDoesNotAnswerOrWhoseHostIsNotKnownYetIsAFailureARestartMayMendAndLeavesNoDataDir()
      throws Exception {
    Path dataDir = dir.resolve("data");
    PulseRun run = PulseRun.run(Map.of(), "serve", "--host", "127.0.0.1", "--port", "0",
        "--store", "postgresql://127.0.0.1:" + Mistakes.closedPort() + "/pulse?user=pulse",
        "--data-dir", dataDir.toString());
    // Exit 1, not 2: the systemd unit restarts the one (RestartPreventExitStatus=2), not the other.
    assertTold(run, FAILURE, "cannot start");
    assertThat(run.output()).contains("nothing accepts connections there (connection refused)")
        .doesNotContain("Failed to initialize pool");
    assertThat(dataDir).doesNotExist();

    // At boot, DNS may not be up yet.
    PulseRun unknownHost = PulseRun.run(Map.of(), "serve", "--host", "127.0.0.1", "--port", "0",
        "--store", "postgresql://nohost.invalid/pulse?user=pulse", "--data-dir", dataDir.toString());
    assertTold(unknownHost, FAILURE, "the host nohost.invalid is unknown: check the host of the store URL (--store)");
  }

  @Test
  void aFreeSpaceReserveNoSmallerThanTheDiskIsRefusedAtStartWithBothSizes() throws Exception {
    Path dataDir = dir.resolve("data");
    // 1 EiB: larger than any disk. Accepted, it made every write and /readyz fail for as long as it ran.
    PulseRun run = PulseRun.run(Map.of("PULSE_MIN_FREE_DISK", "1048576TiB"), "serve", "--host", "127.0.0.1",
        "--port", "0", "--data-dir", dataDir.toString());
    assertTold(run, USAGE, "cannot start: PULSE_MIN_FREE_DISK of 1 EiB"
        + " (1152921504606846976 bytes) is not smaller than the whole disk of ");
    assertThat(run.output()).containsPattern("the whole disk of \\S+, [0-9.]+ [KMGTP]iB \\(\\d+ bytes\\): no record")
        .contains("give a reserve well below it");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void aSettingItCannotStartWithIsNamedWhereItWasGivenAsTheOtherChecksNameIt() throws Exception {
    Path cert = dir.resolve("missing.pem");
    PulseRun tls = PulseRun.run(Map.of("PULSE_TLS_CERT", cert.toString(), "PULSE_TLS_KEY", "missing.key"), "serve",
        "--host", "127.0.0.1", "--port", "0", "--data-dir", dir.resolve("data").toString());
    assertTold(tls, USAGE, "cannot start: cannot read " + cert + " (PULSE_TLS_CERT): ");

    Path config = Files.writeString(dir.resolve("pulse.properties"), "host=192.0.2.1\n");
    PulseRun host = PulseRun.run(Map.of(), "serve", "--config", config.toString(), "--port", "0",
        "--data-dir", dir.resolve("data").toString());
    assertTold(host, USAGE, "cannot start: 192.0.2.1 is not an address of this machine: give one of its own, or"
        + " 0.0.0.0 for every address ('host' in the config file " + config + ")");
  }

  @Test
  void anUnwritableDataDirIsOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    PulseRun run = PulseRun.run(Map.of(), "serve", "--host", "127.0.0.1", "--port", "0",
        "--data-dir", file.resolve("data").toString());
    assertTold(run, USAGE, "cannot use the data dir");
  }

  @Test
  void aDataDirThatIsAFileIsToldAsSuch() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    PulseRun run = PulseRun.run(Map.of(), "serve", "--host", "127.0.0.1", "--port", "0",
        "--data-dir", file.toString());
    assertTold(run, USAGE, "cannot use the data dir " + file + ": a file is in the way where a directory is needed");
  }

  @Test
  void metricsIncludeJvmMetersAndTheBuildInfo() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir.resolve("data"), Map.of())) {
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(serve.uri("/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
          "process_uptime_seconds", "pulse_build_info{version=");
    }
  }

  @Test
  void jsonLogsAreOneJsonObjectPerLine() throws Exception {
    List<String> output;
    try (ServeProcess serve = ServeProcess.start(dir.resolve("data"), Map.of("PULSE_LOG_FORMAT", "json"))) {
      serve.terminate(Duration.ofSeconds(30));
      output = serve.output();
    }
    // The banner is for people (stdout); every log line (stderr, merged here) is JSON.
    List<String> logs = output.stream().filter(l -> !l.startsWith("Pulse ") && !l.startsWith("  ")).toList();
    assertThat(logs).as(String.join("\n", output)).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (String line : logs) {
      String message = json.readTree(line).path("formattedMessage").asText();
      assertThat(message).as(line).isNotEmpty().doesNotContain("{}");
    }
    assertThat(logs).anyMatch(l -> l.contains("Pulse listening on"))
        .anyMatch(l -> l.contains("admin token's hash and context key in ")) // both generated there
        .anyMatch(l -> l.contains("retention: events 90 days")); // the values in the message, not beside it
  }

  @Test
  void aLogbackFileOfTheOperatorsReplacesPulsesLogging() throws Exception {
    Path file = Files.writeString(dir.resolve("logback.xml"), "<configuration><appender name=\"out\""
        + " class=\"ch.qos.logback.core.ConsoleAppender\"><encoder><pattern>OPERATOR %level %msg%n</pattern>"
        + "</encoder></appender><root level=\"INFO\"><appender-ref ref=\"out\"/></root></configuration>");
    List<String> output;
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=" + file);
    try (ServeProcess serve = ServeProcess.start(dir.resolve("data"), env)) {
      serve.terminate(Duration.ofSeconds(30));
      output = serve.output();
    }
    assertThat(output).as(String.join("\n", output)).anyMatch(l -> l.startsWith("OPERATOR INFO Pulse listening on"))
        .noneMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.* INFO PulseServer .*"));
  }

  @Test
  void aBadLogFormatIsAUsageError() throws Exception {
    PulseRun run = PulseRun.run(Map.of("PULSE_LOG_FORMAT", "xml"), "serve", "--data-dir", dir.toString());
    assertTold(run, USAGE, "PULSE_LOG_FORMAT");
  }

  @Test
  void alertsTakeTheProxyOfTheEnvironmentAndTheBannerSaysSoWithoutTheWebhooksSecretPath() throws Exception {
    Map<String, String> env = Map.of("PULSE_ALERT_WEBHOOK", "https://hooks.example.test/services/T0/B0/s3cr3t",
        "HTTPS_PROXY", "http://127.0.0.1:3128", "NO_PROXY", "internal.example");
    try (ServeProcess serve = ServeProcess.start(dir.resolve("data"), env)) {
      String banner = serve.awaitOutput("alerts: posted to", Duration.ofSeconds(30));
      assertThat(banner).contains("alerts: posted to hooks.example.test, through the proxy 127.0.0.1:3128 (HTTPS_PROXY)")
          .doesNotContain("s3cr3t");
    }
  }

  @Test
  void theBannerGivesABrowserUrlAndWhereTheRecordsAreAsAbsolutePaths() throws Exception {
    Path data = dir.resolve("data");
    Path relative = Path.of("").toAbsolutePath().relativize(data); // as given from where pulse runs
    try (ServeProcess serve = ServeProcess.start(relative, Map.of())) {
      String banner = serve.awaitOutput("admin token (shown once", Duration.ofSeconds(30));
      assertThat(banner).contains("dashboard: " + URI.create(serve.uri("/").toString()));
      assertThat(banner).doesNotContain("0.0.0.0");
      assertThat(banner).contains("data dir: " + data.toAbsolutePath(), "store: DuckDB in " + data.toAbsolutePath());
    }
  }
}
