package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.cli.QuietFile;
import dev.pulse.client.cli.Spool;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.FakePulseServer.Reply;
import dev.pulse.client.testing.LogCapture;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.WireOperations;

/**
 * A CLI's server that takes a request and never answers (a firewall that drops) costs one run the close
 * deadline, not every run: the next runs keep what they have without trying, for a while. A server's
 * Retry-After holds for the next runs too.
 */
class QuietAcrossCliRunsTest {

  /** A close deadline past the wait after which a server's silence counts ({@code Delivery.UNANSWERED_AFTER}). */
  private static final Duration SILENCE = Duration.ofMillis(1500);

  @TempDir Path dir;

  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  private PulseTelemetry run(String apiAddress, boolean debug, String command) {
    return run(apiAddress, Map.of(), debug, command);
  }

  /** A CLI run in {@code environment} that reports {@code command}, closing within {@link #SILENCE}. */
  private PulseTelemetry run(String apiAddress, Map<String, String> environment, boolean debug, String command) {
    PulseTelemetry telemetry = TestTelemetry.builder(apiAddress, dir, environment)
        .componentType(ComponentType.CLI)
        .version("v2.0.3")
        .set(SettingKey.TELEMETRY_DEBUG, Boolean.toString(debug))
        .closeDeadline(SILENCE)
        .build();
    telemetry.reportCommand(command);
    return telemetry;
  }

  @Test
  void theRunsAfterOneThatGotNoAnswerKeepTheirCommandsWithoutConnecting() throws Exception {
    RawServer silent = closing.of(RawServer.start(RawServer.Mode.SILENT));
    PulseTelemetry third;
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry first = run(silent.apiAddress(), false, "otterize mapper export");
      assertThat(first.close(SILENCE)).as("cut short at the deadline").isFalse();
      assertThat(silent.connections()).isEqualTo(1);
      assertThat(log.warnings("so this run waited for it until then; what it had is kept, and runs in the next"
          + " 15 min keep theirs without trying. Check api-address")).isEqualTo(1);

      PulseTelemetry second = run(silent.apiAddress(), false, "otterize intents list");
      third = run(silent.apiAddress(), false, "otterize intents export");
      assertThat(second.close(Duration.ofMillis(500))).as("kept, so handled").isTrue();
      assertThat(third.close(Duration.ofMillis(500))).isTrue();

      assertThat(silent.connections()).as("neither later run tried the server").isEqualTo(1);
      assertThat(second.stats().spooled()).isEqualTo(1);
      assertThat(third.stats().spooled()).isEqualTo(1);
      assertThat(log.warnings("Pulse telemetry")).as("nothing more to say").isEqualTo(1);
    }
    assertThat(new Spool(dir, third.settings().endpoint()).takeAll())
        .as("every run's command, oldest first")
        .extracting(body -> body.replaceAll(".*\"noun\":\"([a-z]+)\",\"verb\":\"([a-z]+)\".*", "$1 $2"))
        .containsExactly("mapper export", "intents list", "intents export");
  }

  @Test
  void theLineAboutAnUnansweredRunSaysHowManyItemsDidNotFitTheSpool() throws Exception {
    RawServer silent = closing.of(RawServer.start(RawServer.Mode.SILENT));
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry run = run(silent.apiAddress(), false, "otterize mapper export");
      for (int i = 0; i < 3000; i++) {
        run.reportError(new IllegalStateException("failure " + i));
      }
      run.close(SILENCE);

      long dropped = run.stats().droppedFailed();
      assertThat(dropped).as("more than the spool holds").isPositive();
      assertThat(run.stats().spooled()).isPositive();
      assertThat(log.warnings("so this run waited for it until then; " + dropped + " items that did not fit the"
          + " spool were dropped and the rest kept, and runs in the next 15 min keep theirs without trying"))
          .isEqualTo(1);
      assertThat(log.messages()).noneMatch(m -> m.contains("what it had is kept"));
    }
  }

  @Test
  void withAConfigDirectoryItCannotWriteTheLineSaysNothingWasKept() throws Exception {
    RawServer silent = closing.of(RawServer.start(RawServer.Mode.SILENT));
    Path notADirectory = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
    try (LogCapture log = LogCapture.start()) {
      PulseTelemetry run = TestTelemetry.builder(silent.apiAddress(), notADirectory)
          .componentType(ComponentType.CLI)
          .closeDeadline(SILENCE)
          .build();
      run.reportCommand("otterize mapper export");
      run.close(SILENCE);

      assertThat(run.stats().spooled()).isZero();
      assertThat(log.warnings("so this run waited for it until then; " + run.stats().droppedFailed()
          + " item" + (run.stats().droppedFailed() == 1 ? " was" : "s were") + " dropped, as none could be kept"
          + " for the next run. Check api-address")).isEqualTo(1);
    }
  }

  @Test
  void withDebugARunTriesAnywayAndAnAnswerEndsTheQuietForTheRunsAfterIt() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.hangs()));
    PulseTelemetry first = run(server.apiAddress(), false, "otterize mapper export");
    first.close(SILENCE);
    QuietFile quiet = new QuietFile(dir, first.settings().endpoint());
    assertThat(quiet.remembered()).isPositive();

    server.respond((i, r) -> Reply.ok());
    try (LogCapture log = LogCapture.start()) {
      assertThat(run(server.apiAddress(), true, "otterize intents list").close(Duration.ofSeconds(5))).isTrue();
      assertThat(log.at(Level.INFO, "left this server alone for another")).isEqualTo(1);
    }
    assertThat(quiet.remembered()).isNull();
    assertThat(run(server.apiAddress(), false, "otterize intents export").close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME))
        .extracting(r -> r.body().replaceAll(".*\"noun\":\"([a-z]+)\",\"verb\":\"([a-z]+)\".*", "$1 $2"))
        .as("the hung request, then the kept one and the debug run's, then the last run's")
        .containsExactly("mapper export", "mapper export", "intents list", "intents export");
  }

  @Test
  void aRunBuiltToTryWhileQuietTriesAndItsAnswerEndsTheQuiet() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start().respond((i, r) -> Reply.hangs()));
    PulseTelemetry first = run(server.apiAddress(), false, "otterize mapper export");
    first.close(SILENCE);
    server.respond((i, r) -> Reply.ok());

    PulseTelemetry test = TestTelemetry.builder(server.apiAddress(), dir)
        .componentType(ComponentType.CLI)
        .tryWhileQuiet(true)
        .build();
    test.reportCommand("otterize telemetry send-test");
    assertThat(test.close(Duration.ofSeconds(5))).isTrue();

    assertThat(test.stats().sent()).as("the kept command and its own").isEqualTo(2);
    assertThat(new QuietFile(dir, first.settings().endpoint()).remembered()).isNull();
  }

  @Test
  void aRetryAfterToldAtCloseHoldsForTheNextRuns() throws Exception {
    FakePulseServer server = closing.of(FakePulseServer.start()
        .respond((i, r) -> new Reply(429, Map.of("Retry-After", "600"), "{}", false)));
    assertThat(run(server.apiAddress(), false, "otterize mapper export").close(Duration.ofSeconds(5))).isTrue();
    assertThat(server.attempts()).isEqualTo(1);

    PulseTelemetry next = run(server.apiAddress(), false, "otterize intents list");
    assertThat(next.close(Duration.ofSeconds(5))).isTrue();

    assertThat(server.attempts()).as("the next run asked nothing of a server that asked for quiet").isEqualTo(1);
    assertThat(new Spool(dir, next.settings().endpoint()).takeAll()).hasSize(2);
  }

  @Test
  void anotherServerIsNotLeftAloneForOneThatGotNoAnswer() throws Exception {
    RawServer silent = closing.of(RawServer.start(RawServer.Mode.SILENT));
    run(silent.apiAddress(), false, "otterize mapper export").close(SILENCE);

    FakePulseServer other = closing.of(FakePulseServer.start());
    assertThat(run(other.apiAddress(), false, "otterize intents list").close(Duration.ofSeconds(5))).isTrue();

    assertThat(other.received(WireOperations.SEND_CLI_TELEMETRY_NAME)).hasSize(1);
  }

  @Test
  void aSilentProxyLeavesAloneOnlyTheServerReachedThroughItNotTheSameServerThroughAnother() throws Exception {
    RawServer silentProxy = closing.of(RawServer.start(RawServer.Mode.SILENT));
    RawServer otherProxy = closing.of(RawServer.start(RawServer.Mode.SILENT));
    String server = "http://pulse.example:8080"; // not a loopback address: those never go through a proxy

    through(silentProxy, server, "otterize mapper export").close(SILENCE);
    through(otherProxy, server, "otterize intents list").close(SILENCE);
    through(silentProxy, server, "otterize intents export").close(SILENCE);

    assertThat(otherProxy.connections()).as("the same server through another proxy is tried").isEqualTo(1);
    assertThat(silentProxy.connections()).as("but not again through the silent one").isEqualTo(1);
  }

  private PulseTelemetry through(RawServer proxy, String apiAddress, String command) {
    return run(apiAddress, Map.of("HTTP_PROXY", proxy.apiAddress()), false, command);
  }

  @Test
  void aRequestCutByADeadlineShorterThanASecondLeavesTheServerToTheNextRun() throws Exception {
    RawServer silent = closing.of(RawServer.start(RawServer.Mode.SILENT));
    PulseTelemetry hasty = TestTelemetry.builder(silent.apiAddress(), dir)
        .componentType(ComponentType.CLI)
        .closeDeadline(Duration.ofMillis(200))
        .build();
    hasty.reportCommand("otterize mapper export");
    hasty.close(Duration.ofMillis(200));

    assertThat(new QuietFile(dir, hasty.settings().endpoint()).remembered()).as("our deadline, not its silence")
        .isNull();
    run(silent.apiAddress(), false, "otterize intents list").close(SILENCE);
    assertThat(silent.connections()).as("the next run tried it").isEqualTo(2);
  }

  @Test
  void aRunThatKeepsQuietSaysWhyInItsLastFailure() throws Exception {
    RawServer silent = closing.of(RawServer.start(RawServer.Mode.SILENT));
    run(silent.apiAddress(), false, "otterize mapper export").close(SILENCE);

    PulseTelemetry quiet = run(silent.apiAddress(), false, "otterize intents list");
    quiet.close(SILENCE);

    assertThat(quiet.stats().lastFailure()).startsWith("not sent: earlier runs leave 127.0.0.1:")
        .contains(" alone for 15 min more (no answer, or a Retry-After); telemetry-debug=true tries it anyway");
  }
}
