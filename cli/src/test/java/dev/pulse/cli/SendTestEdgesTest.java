package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.store.StoredCliCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse send-test} says what it can: a misspelt flag before a missing address, the address
 * flag in any case, and a silent server. Only the last waits out the command's 10 s.
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
      List<StoredCliCommand> stored = new ArrayList<>();
      server.store().forEachCliCommand(stored::add);
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).command().verb()).isEqualTo("send-test");
    }
  }

  @Test
  void aServerThatNeverAnswersIsToldAsNoAnswerWithinTheWait() throws Exception {
    try (Stalling.NeverAnswers silent = new Stalling.NeverAnswers()) {
      PulseRun run = PulseRun.run(Map.of(), "send-test", "--api-address=" + silent.url());

      assertTold(run, FAILURE, "was not delivered: no answer within 10 s");
      assertThat(run.output()).contains("is a Pulse server listening there, and not overloaded?");
    }
  }
}
