package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.USAGE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mistakes in a {@code pulse send-test}, told as the battery of CLI mistakes tells them (a line or two,
 * the documented exit code: 1 failure, 2 usage; never a stack trace): a missing or bad address or a
 * misspelt flag is a usage error, not "telemetry is off", and an address that is no Pulse server says
 * why nothing was delivered.
 */
class SendTestMistakesTest {

  private static final String TOKEN = TokenServer.TOKEN;
  private static final String READ_TOKEN = TokenServer.READ_TOKEN;
  private static final Map<String, String> NO_ENV = Map.of();

  @RegisterExtension static final TokenServer SERVER = new TokenServer();

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

    PulseRun misspelt = PulseRun.run(NO_ENV, "send-test", "--api-address=" + SERVER.base(), "--telemetry-debg=true");
    assertTold(misspelt, USAGE, "--telemetry-debg");
    assertThat(misspelt.output()).contains("--telemetry-debug");
  }

  @Test
  void sendTestToAnAddressThatIsNoPulseServerSaysWhyItWasNotDelivered() throws Exception {
    PulseRun run = PulseRun.run(NO_ENV, "send-test", "--api-address=" + SERVER.base() + "/nope");
    assertTold(run, FAILURE, "was not delivered");
    assertThat(run.output()).contains("the server answered HTTP 404: is api-address the base URL of a Pulse server?");
  }
}
