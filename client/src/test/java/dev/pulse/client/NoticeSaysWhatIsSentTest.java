package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.errors.MessagePolicy;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.WireOperations;

/** A CLI's first-run notice is shown whenever anything will be sent, and says what. */
class NoticeSaysWhatIsSentTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream notice = new ByteArrayOutputStream();
  private FakePulseServer server;

  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  private PulseTelemetry cli(String usageEnabled, MessagePolicy policy) throws Exception {
    server = closing.of(FakePulseServer.start());
    return TestTelemetry.builder(server.apiAddress(), dir)
        .componentType(ComponentType.CLI)
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, usageEnabled)
        .messagePolicy(policy)
        .firstRunNotice("otterize", new PrintStream(notice, true, StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void withUsageOffAndErrorsOnTheNoticeIsShownAndSpeaksOfErrorsAlone() throws Exception {
    PulseTelemetry telemetry = cli("false", MessagePolicy.SCRUB);
    telemetry.reportError(new IllegalStateException("boom"));
    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();

    assertThat(server.received(WireOperations.REPORT_ERRORS_NAME)).as("an error report is sent").hasSize(1);
    assertThat(notice.toString(StandardCharsets.UTF_8))
        .startsWith("otterize reports the errors it meets (their class and stack frames, and their message with"
            + " identifiers such as addresses, paths and secrets removed) to help its maintainers.")
        .doesNotContain("which commands")
        .contains("OTTERIZE_TELEMETRY_ENABLED=false", "This notice is shown once.");
  }

  @Test
  void byDefaultTheNoticeSpeaksOfCommandsAndErrors() throws Exception {
    cli("true", MessagePolicy.SCRUB).close(Duration.ofSeconds(30));

    assertThat(notice.toString(StandardCharsets.UTF_8))
        .contains("which commands are run, never their arguments or results) and the errors it meets"
            + " (their class and stack frames, and their message with identifiers");
  }

  @Test
  void withMessagesDroppedTheNoticePromisesNoMessage() throws Exception {
    cli("true", MessagePolicy.DROP).close(Duration.ofSeconds(30));

    assertThat(notice.toString(StandardCharsets.UTF_8)).contains("the errors it meets (their class and stack frames)")
        .doesNotContain("message");
  }
}
