package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.context.ConfigDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send-test, export and purge against a real server and a real data dir. */
class AdminCommandsTest {

  private static final String TOKEN = "admin-commands-test-token-0123";

  @TempDir Path dataDir;
  @TempDir Path configHome;

  @Test
  void sendTestDeliversOneCliCommandThatExportAndPurgeThenSee() throws Exception {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString(), "PULSE_ADMIN_TOKEN", TOKEN);
    String base;
    try (PulseServer server = start()) {
      base = "http://127.0.0.1:" + server.port();

      PulseRun sent = PulseRun.run(env, "send-test", "--api-address=" + base);
      assertThat(sent.exitCode()).as(sent.output()).isZero();
      assertThat(sent.output()).contains("Delivered a test event to " + base + "/telemetry/query");
      List<StoredCliCommand> commands = new ArrayList<>();
      server.store().forEachCliCommand(commands::add);
      assertThat(commands).hasSize(1);
      assertThat(commands.get(0).command().noun()).isEqualTo("telemetry");
      assertThat(commands.get(0).command().verb()).isEqualTo("send-test");

      // Through HTTP_PROXY, as curl goes: the name resolves nowhere, the "proxy" is the server
      // itself, which takes the request in a proxy's absolute form.
      Map<String, String> proxied = new java.util.HashMap<>(env);
      proxied.put("HTTP_PROXY", base);
      PulseRun exported = PulseRun.run(proxied, "export", "cli", "--server", "http://pulse.proxied.test:" + server.port());
      assertThat(exported.exitCode()).as(exported.output()).isZero();
      assertThat(exported.output().strip().lines()).hasSize(1);
      assertThat(exported.output()).contains("\"noun\":\"telemetry\"").contains("\"verb\":\"send-test\"");
    }

    String contextId = contextIdFromStatus(env);
    PulseRun exportedLocally = PulseRun.run(env, "export", "cli", "--data-dir", dataDir.toString());
    assertThat(exportedLocally.output()).contains("\"verb\":\"send-test\"");

    PulseRun purged = PulseRun.run(env, "purge", "--context-id", contextId, "--data-dir", dataDir.toString());
    assertThat(purged.exitCode()).as(purged.output()).isZero();
    assertThat(purged.output()).contains("removed 0 events, 1 CLI command, 0 errors");
    assertThat(PulseRun.run(env, "export", "cli", "--data-dir", dataDir.toString()).output()).doesNotContain("send-test");
  }

  @Test
  void sendTestSaysWhatEarlierRunsCouldNotDeliverAndDeliversItToThatServer() throws Exception {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString());
    int port = Mistakes.closedPort();
    String base = "http://127.0.0.1:" + port;
    PulseRun refused = PulseRun.run(env, "send-test", "--api-address=" + base);
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output()).contains("was not delivered");

    try (PulseServer server = PulseServer.start(
        ServerConfig.builder().host("127.0.0.1").port(port).dataDir(dataDir).adminToken(TOKEN).build())) {
      PulseRun sent = PulseRun.run(env, "send-test", "--api-address=" + base);

      assertThat(sent.exitCode()).as(sent.output()).isZero();
      assertThat(sent.output()).contains("Delivered a test event to " + base + "/telemetry/query, and 1 command"
          + " that earlier runs could not deliver to it.");
      List<StoredCliCommand> commands = new ArrayList<>();
      server.store().forEachCliCommand(commands::add);
      assertThat(commands).hasSize(2);
    }
  }

  @Test
  void sendTestTriesAServerThatEarlierRunsLeaveAloneAndItsAnswerEndsTheirQuiet() throws Exception {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString());
    try (PulseServer server = start()) {
      String base = "http://127.0.0.1:" + server.port();
      // As a run that got no answer from it leaves it: the next runs keep what they have without trying.
      QuietFile quiet = new QuietFile(ConfigDirectory.defaultFor(env, "OTTERIZE_"),
          URI.create(base + "/telemetry/query"));
      assertThat(quiet.unanswered()).isPositive();

      PulseRun sent = PulseRun.run(env, "send-test", "--api-address=" + base);

      assertThat(sent.exitCode()).as(sent.output()).isZero();
      assertThat(sent.output()).contains("Delivered a test event to " + base + "/telemetry/query.");
      assertThat(quiet.remembered()).as("the quiet is over for the runs after it").isNull();
    }
  }

  @Test
  void sendTestsDebugOutputIsOneLineARecord() throws Exception {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString());
    try (PulseServer server = start()) {
      PulseRun sent = PulseRun.run(env, "send-test", "--api-address=http://127.0.0.1:" + server.port(),
          "--telemetry-debug=true");
      assertThat(sent.exitCode()).as(sent.output()).isZero();
      assertThat(sent.lines()).anyMatch(line -> line.startsWith("INFO: telemetry debug: POST http://127.0.0.1:"))
          .noneMatch(line -> line.contains("dev.pulse.client"));
    }
  }

  @Test
  void sendTestWithTelemetryOffSendsNothingAndSaysWhichSettingTurnedItOff() throws Exception {
    PulseRun run =
        PulseRun.run(
            Map.of("XDG_CONFIG_HOME", configHome.toString(), "OTTERIZE_TELEMETRY_ENABLED", "false"),
            "send-test", "--api-address=http://127.0.0.1:9");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("telemetry is turned off by OTTERIZE_TELEMETRY_ENABLED=false in the environment,"
        + " so nothing was sent");
  }

  @Test
  void exportRefusesAnUnknownKind() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "export", "things", "--data-dir", dataDir.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("unknown kind 'things'");
  }

  @Test
  void serveRefusesABadSettingByNameWithoutAStackTrace() throws Exception {
    PulseRun run = PulseRun.run(Map.of(), "serve", "--rollup-refresh-seconds", "0", "--data-dir", dataDir.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("rollup-refresh-seconds must be at least 1, got 0").doesNotContain("\tat dev.pulse");
    PulseRun shortToken = PulseRun.run(Map.of(), "serve", "--admin-token", "short", "--data-dir", dataDir.toString());
    assertThat(shortToken.output()).contains("admin-token must be at least 16 characters, got 5");
    PulseRun publicOff = PulseRun.run(Map.of(), "serve", "--public-min-installs", "1", "--data-dir", dataDir.toString());
    assertThat(publicOff.exitCode()).as("refused even with public stats off").isEqualTo(2);
    assertThat(publicOff.output()).contains("public-min-installs must be at least 2");
  }

  @Test
  void serveReadsEveryClientLimitFromTheEnvironmentAndRefusesABadOneByName() throws Exception {
    for (String name :
        List.of("PULSE_MIN_REQUEST_DATA_RATE", "PULSE_BODY_TIMEOUT_SECONDS", "PULSE_HEADER_TIMEOUT_SECONDS",
            "PULSE_IDLE_TIMEOUT_SECONDS",
            "PULSE_MAX_CONNECTIONS", "PULSE_MAX_BUFFERED_BODY_BYTES")) {
      PulseRun run = PulseRun.run(Map.of(name, "lots"), "serve", "--port", "0", "--data-dir", dataDir.toString());
      assertThat(run.exitCode()).as(name).isEqualTo(2);
      assertThat(run.output()).as(name).contains(name + " must be a whole number: lots").doesNotContain("\tat dev.pulse");
    }
    PulseRun zero = PulseRun.run(
        Map.of("PULSE_BODY_TIMEOUT_SECONDS", "0"), "serve", "--port", "0", "--data-dir", dataDir.toString());
    assertThat(zero.output()).contains("PULSE_BODY_TIMEOUT_SECONDS must be at least 1 (seconds), not 0");
    PulseRun huge = PulseRun.run(Map.of("PULSE_IDLE_TIMEOUT_SECONDS", "9223372036854775807"), "serve", "--port", "0",
        "--data-dir", dataDir.toString());
    assertThat(huge.exitCode()).isEqualTo(2);
    assertThat(huge.output()).contains("PULSE_IDLE_TIMEOUT_SECONDS must be at most 86400 (seconds), not 9223372036854775807")
        .doesNotContain("Exception");
    PulseRun tiny = PulseRun.run(
        Map.of("PULSE_MAX_BUFFERED_BODY_BYTES", "1"), "serve", "--port", "0", "--data-dir", dataDir.toString());
    assertThat(tiny.exitCode()).isEqualTo(2);
    assertThat(tiny.output()).contains("PULSE_MAX_BUFFERED_BODY_BYTES must be at least 20971520 (bytes, so that the"
        + " largest telemetry body fits, as sent and inflated), not 1");
  }

  private PulseServer start() {
    return PulseServer.start(
        ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).adminToken(TOKEN).build());
  }

  /** The contextId as a user finds it: the line {@code pulse status} prints. */
  private String contextIdFromStatus(Map<String, String> env) throws Exception {
    PulseRun status = PulseRun.run(env, "status");
    String line = status.output().lines().filter(l -> l.startsWith("contextId")).findFirst().orElseThrow(
        () -> new AssertionError("pulse status printed no contextId: " + status.output()));
    return line.substring("contextId".length()).strip().split("\\s+")[0];
  }
}
