package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.WireOperations;

/**
 * A CLI whose config directory cannot be written (a read-only container, a CI runner): nothing is
 * kept, so each run is a new install and shows the notice, which says so instead of "shown once".
 */
class UnwritableConfigDirectoryTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream notice = new ByteArrayOutputStream();
  private FakePulseServer server;

  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  private void run(Path configDir) {
    PulseTelemetry telemetry = TestTelemetry.builder(server.apiAddress(), configDir)
        .componentType(ComponentType.CLI)
        .firstRunNotice("otterize", new PrintStream(notice, true, StandardCharsets.UTF_8))
        .build();
    telemetry.reportCommand("otterize mapper export");
    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void eachRunShowsTheNoticeSayingItIsShownEveryRunAndCountsAsANewInstall() throws Exception {
    server = closing.of(FakePulseServer.start());
    Path notADirectory = Files.writeString(dir.resolve("config"), "a file where the directory should be");

    run(notADirectory);
    run(notADirectory);

    String shown = notice.toString(StandardCharsets.UTF_8);
    assertThat(shown.split("This notice is shown on every run", -1)).as("on both runs, saying so").hasSize(3);
    assertThat(shown).doesNotContain("shown once").contains(notADirectory + " cannot be written");
    assertThat(server.received(WireOperations.SEND_CLI_TELEMETRY_NAME)).hasSize(2)
        .extracting(r -> contextIdOf(r.json())).as("no id could be kept: a new one each run").doesNotHaveDuplicates();
    assertThat(Files.readString(notADirectory)).isEqualTo("a file where the directory should be");
  }

  @SuppressWarnings("unchecked")
  private static Object contextIdOf(Map<String, Object> request) {
    Map<String, Object> variables = (Map<String, Object>) request.get("variables");
    Map<String, Object> telemetry = (Map<String, Object>) variables.get("telemetry");
    return ((Map<String, Object>) telemetry.get("identifier")).get("contextId");
  }
}
