package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.cli.FirstRunNotice;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.cli.ShownWarnings;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.context.PersistedContextId;
import dev.pulse.client.testing.Await;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Received;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.client.config.SettingKey;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.WireOperations;

/** A short-lived CLI: one command per run, a notice on first run, a spool for what could not go out. */
class CliModeTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream notice = new ByteArrayOutputStream();
  private FakePulseServer server;
  private RawServer raw;

  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  private PulseTelemetry cli(String apiAddress) {
    return TestTelemetry.builder(apiAddress, dir)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .firstRunNotice("otterize", new PrintStream(notice, true, StandardCharsets.UTF_8))
        .closeDeadline(Duration.ofMillis(500))
        .build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void sendsTheCommandWithAPersistedContextId() throws Exception {
    server = closing.of(FakePulseServer.start());
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), dir)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .commandWords(List.of("env", "update", "add-labels", "version"))
        .build();
    telemetry.reportCommand("otterize env update add-labels --name secret");
    telemetry.reportCommand("otterize version");

    assertThat(telemetry.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received()).hasSize(1);
    Received r = server.received().get(0);
    assertThat(r.query()).isEqualTo(WireOperations.SEND_CLI_TELEMETRY);
    Map<String, Object> t = (Map<String, Object>) r.variables().get("telemetry");
    assertThat((Map<String, Object>) t.get("command"))
        .isEqualTo(Map.of("noun", "env", "verb", "update", "modifiers", java.util.List.of("add-labels")));
    Map<String, Object> identifier = (Map<String, Object>) t.get("identifier");
    assertThat(identifier).containsEntry("version", "v2.0.3").containsEntry("cloudClientId", "");
    assertThat((String) identifier.get("contextId")).matches("[0-9a-f]{64}");
    assertThat(dir.resolve(PersistedContextId.FILE_NAME)).exists();
    assertThat(r.body()).doesNotContain("secret");
    assertThat(telemetry.stats().droppedDisabled()).isZero();
  }

  @Test
  void showsTheFirstRunNoticeOnce() throws Exception {
    server = closing.of(FakePulseServer.start());

    cli(server.apiAddress()).close();
    cli(server.apiAddress()).close();

    assertThat(notice.toString(StandardCharsets.UTF_8)).containsOnlyOnce("anonymous usage");
    assertThat(dir.resolve(FirstRunNotice.MARKER)).exists();
  }

  @Test
  void aMisconfiguredEndpointIsWarnedAboutOncePerProblemNotOnEveryRunButAlwaysWithDebug() throws Exception {
    server = closing.of(FakePulseServer.start().respond((i, r) -> new Reply(200, Map.of(), "<html>hi</html>", false)));
    String warning = "(send failed, the last because the server answered with something other than a GraphQL";
    try (LogCapture log = LogCapture.start()) {
      for (int run = 0; run < 3; run++) {
        PulseTelemetry telemetry = cli(server.apiAddress());
        telemetry.reportCommand("otterize mapper export");
        assertThat(telemetry.close(Duration.ofSeconds(5))).isTrue();
        assertThat(telemetry.stats().droppedFailed()).isEqualTo(1);
      }
      assertThat(log.warnings(warning)).as("shown by the first run only").isEqualTo(1);
      assertThat(log.warnings("shown once a day while this lasts")).isEqualTo(1);

      PulseTelemetry debug = TestTelemetry.builder(server.apiAddress(), dir).componentType(ComponentType.CLI)
          .set(SettingKey.TELEMETRY_DEBUG, "true").build();
      debug.reportCommand("otterize mapper export");
      debug.close(Duration.ofSeconds(5));
      server.respond((i, r) -> Reply.status(404));
      PulseTelemetry another = cli(server.apiAddress());
      another.reportCommand("otterize mapper export");
      another.close(Duration.ofSeconds(5));

      assertThat(log.warnings(warning)).as("and by the run with telemetry-debug").isEqualTo(2);
      assertThat(log.warnings("the server answered HTTP 404")).as("another problem").isEqualTo(1);
    }
    assertThat(dir.resolve(ShownWarnings.FILE_NAME)).content().doesNotContain("127.0.0.1").hasLineCount(2);
  }

  @Test
  void spoolsWhatCouldNotBeSentAndSendsItNextRunToTheSameServer() throws Exception {
    server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.status(502)));
    PulseTelemetry first = cli(server.apiAddress());
    first.reportCommand("otterize mapper export");
    first.close(Duration.ofMillis(500));
    assertThat(first.stats().spooled()).isEqualTo(1);
    Path spool = new Spool(dir, first.settings().endpoint()).file();
    assertThat(spool).exists();

    server.respond((i, r) -> Reply.ok());
    PulseTelemetry second = cli(server.apiAddress());
    second.reportCommand("otterize intents list");
    assertThat(second.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME))
        .extracting(r -> r.body().contains("\"noun\":\"mapper\"") ? "mapper" : "intents")
        .as("the first run's request, which failed, then both").containsExactly("mapper", "mapper", "intents");
    assertThat(spool).doesNotExist();
  }

  @Test
  void aCommandTheServerRefusedOutrightIsDroppedNotSpooledWhileOneItFailedToTakeIsSpooled() throws Exception {
    server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.status(400)));
    PulseTelemetry refused = cli(server.apiAddress());
    refused.reportCommand("otterize mapper export");
    assertThat(refused.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME)).as("not retried").hasSize(1);
    assertThat(refused.stats().spooled()).isZero();
    assertThat(refused.stats().droppedFailed()).isEqualTo(1);
    assertThat(refused.stats().lastFailure()).contains("400");
    Path spool = new Spool(dir, refused.settings().endpoint()).file();
    assertThat(spool).as("a later run would be refused the same").doesNotExist();

    server.respond((i, r) -> Reply.status(502));
    PulseTelemetry failed = TestTelemetry.builder(server.apiAddress(), dir)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .firstRunNotice("otterize", new PrintStream(notice, true, StandardCharsets.UTF_8))
        .closeDeadline(Duration.ofSeconds(30))
        .build();
    failed.reportCommand("otterize intents list");
    assertThat(failed.close(Duration.ofSeconds(30))).isTrue();

    assertThat(failed.stats().spooled()).as("a 5xx may pass").isEqualTo(1);
    assertThat(failed.stats().droppedFailed()).isZero();
    assertThat(spool).exists();
  }

  @Test
  void twoProgramsOfDifferentSettingsPrefixesShareNoContextIdAndEachShowsItsNotice() throws Exception {
    server = closing.of(FakePulseServer.start());
    ByteArrayOutputStream acmeNotice = new ByteArrayOutputStream();
    for (String prefix : new String[] {"OTTERIZE_", "ACME_"}) {
      PulseTelemetry telemetry = PulseTelemetry.builder()
          .componentType(ComponentType.CLI)
          .version("v1")
          .environment(Map.of("XDG_CONFIG_HOME", dir.toString()))
          .environmentPrefix(prefix)
          .systemProperties(new Properties())
          .kubernetesApi(TestTelemetry.notInCluster(dir))
          .set(SettingKey.API_ADDRESS, server.apiAddress())
          .firstRunNotice(prefix.equals("ACME_") ? "acme" : "otterize",
              new PrintStream(prefix.equals("ACME_") ? acmeNotice : notice, true, StandardCharsets.UTF_8))
          .shutdownHook(false)
          .reportUncaughtExceptions(false)
          .build();
      telemetry.reportCommand(prefix.equals("ACME_") ? "acme mapper export" : "otterize mapper export");
      assertThat(telemetry.close(Duration.ofSeconds(5))).isTrue();
    }

    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME)).hasSize(2)
        .extracting(r -> contextIdOf(r.json())).doesNotHaveDuplicates();
    assertThat(notice.toString(StandardCharsets.UTF_8)).contains("anonymous usage");
    assertThat(acmeNotice.toString(StandardCharsets.UTF_8)).as("not hidden by the other's marker")
        .contains("anonymous usage");
    assertThat(dir.resolve("pulse").resolve("acme").resolve(FirstRunNotice.MARKER)).exists();
  }

  @SuppressWarnings("unchecked")
  private static Object contextIdOf(Map<String, Object> request) {
    Map<String, Object> variables = (Map<String, Object>) request.get("variables");
    Map<String, Object> telemetry = (Map<String, Object>) variables.get("telemetry");
    return ((Map<String, Object>) telemetry.get("identifier")).get("contextId");
  }

  @Test
  void aCommandSpooledForOneServerIsNeverSentToAnother() throws Exception {
    raw = closing.of(RawServer.start(RawServer.Mode.RESET));
    PulseTelemetry first = cli(raw.apiAddress());
    first.reportCommand("otterize mapper export");
    first.close(Duration.ofSeconds(5));
    assertThat(first.stats().spooled()).isEqualTo(1);

    server = closing.of(FakePulseServer.start());
    PulseTelemetry second = cli(server.apiAddress());
    second.reportCommand("otterize intents list");
    assertThat(second.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME)).singleElement()
        .satisfies(r -> assertThat(r.body()).contains("\"noun\":\"intents\"").doesNotContain("mapper"));
    assertThat(new Spool(dir, first.settings().endpoint()).takeAll()).as("kept for its own server")
        .singleElement().asString().contains("\"noun\":\"mapper\"");
  }

  @Test
  void spoolsTheCommandInFlightWhenTheServerNeverAnswers() throws Exception {
    raw = closing.of(RawServer.start(RawServer.Mode.SILENT));
    PulseTelemetry telemetry = cli(raw.apiAddress());
    telemetry.reportCommand("otterize mapper export");

    long start = System.nanoTime();
    assertThat(telemetry.close(Duration.ofMillis(500))).isFalse();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(new Spool(dir, telemetry.settings().endpoint()).takeAll()).singleElement().asString().contains("\"noun\":\"mapper\"");
  }

  @Test
  void aServerThatNeverAnswersIsWarnedAboutOnceADayNotAgainWhenItsQuietIsOver() throws Exception {
    raw = closing.of(RawServer.start(RawServer.Mode.SILENT));
    String warning = "before the close deadline, so this run waited for it until then; what it had is kept, and runs"
        + " in the next 15 min keep theirs without trying. Check api-address, or turn telemetry off"
        + " (telemetry-enabled=false) (shown once a day";
    PulseTelemetry telemetry = null;
    try (LogCapture log = LogCapture.start()) {
      for (int run = 0; run < 3; run++) {
        Files.deleteIfExists(dir.resolve(QuietFile.FILE_NAME)); // the quiet after the run before is over
        telemetry = cli(raw.apiAddress());
        telemetry.reportCommand("otterize mapper export");
        assertThat(telemetry.close(Duration.ofMillis(1500))).isFalse(); // past Delivery.UNANSWERED_AFTER
      }

      assertThat(log.warnings(warning)).as("shown by the first run only").isEqualTo(1);
      assertThat(log.warnings("Pulse telemetry: no answer from 127.0.0.1:")).isEqualTo(1);
    }
    assertThat(new Spool(dir, telemetry.settings().endpoint()).takeAll()).as("each run's command kept").hasSize(3);
  }

  @Test
  void spoolsEveryCommandStillWaitingBehindTheOneInFlightAtTheCloseDeadline() throws Exception {
    raw = closing.of(RawServer.start(RawServer.Mode.SILENT));
    PulseTelemetry telemetry = cli(raw.apiAddress());
    List<String> verbs = List.of("export", "visualize", "reset", "list", "get");
    verbs.forEach(verb -> telemetry.reportCommand("otterize mapper " + verb));
    telemetry.flush();
    Await.until(() -> raw.connections() == 1, "the first command in flight, the others taken with it");

    assertThat(telemetry.close(Duration.ofMillis(500))).isFalse();

    assertThat(new Spool(dir, telemetry.settings().endpoint()).takeAll()).as("all five, oldest first")
        .extracting(body -> body.replaceAll(".*\"verb\":\"([a-z]+)\".*", "$1")).containsExactlyElementsOf(verbs);
    assertThat(telemetry.stats().spooled()).isEqualTo(5);
    assertThat(telemetry.stats().droppedFailed()).isZero();
  }

  @Test
  void keepsAServerRejectionOutOfTheSpool() throws Exception {
    server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.status(400)));
    PulseTelemetry telemetry = cli(server.apiAddress());
    telemetry.reportCommand("otterize mapper export");
    telemetry.close(Duration.ofSeconds(5));

    // A 400 will never succeed, but the CLI cannot tell a bad server from a bad request: it keeps it.
    assertThat(telemetry.stats().spooled() + telemetry.stats().droppedFailed()).isEqualTo(1);
  }
}
