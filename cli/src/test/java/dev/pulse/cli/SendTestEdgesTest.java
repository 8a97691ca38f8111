package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code pulse send-test} says what it can: a misspelt flag before a missing address, and a silent server. */
class SendTestEdgesTest {

  @Test
  void aMisspeltFlagIsToldBeforeTheMissingAddress() throws Exception {
    PulseRun misspelt = PulseRun.run(Map.of(), "send-test", "--telemtry-enabled=false");

    assertTold(misspelt, USAGE, "--telemtry-enabled");
    assertThat(misspelt.output()).contains("--telemetry-enabled").doesNotContain("--api-address=http://HOST:8080");
  }

  @Test
  void theAddressFlagInAnyCaseIsTakenAsTheSdkTakesIt() throws Exception {
    try (Stalling.NeverAnswers silent = new Stalling.NeverAnswers()) {
      PulseRun run = PulseRun.run(Map.of(), "send-test", "--API-ADDRESS=" + silent.url());

      assertTold(run, FAILURE, "The test event to " + silent.url());
      assertThat(run.output()).doesNotContain("send-test needs the server to send to");
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
