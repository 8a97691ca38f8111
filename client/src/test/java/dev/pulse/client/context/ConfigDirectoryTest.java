package dev.pulse.client.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.cli.FirstRunNotice;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.ClosedAfterEach;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;

/** Where the SDK keeps its files: as Go's os.UserConfigDir, and nowhere when there is no home. */
class ConfigDirectoryTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream notice = new ByteArrayOutputStream();
  private FakePulseServer server;

  @RegisterExtension final ClosedAfterEach closing = new ClosedAfterEach();

  private PulseTelemetry cliRun(Map<String, String> environment) throws Exception {
    if (server == null) {
      server = closing.of(FakePulseServer.start());
    }
    PulseTelemetry telemetry = PulseTelemetry.builder()
        .componentType(ComponentType.CLI)
        .version("v1")
        .environment(environment)
        .systemProperties(new Properties())
        .kubernetesApi(TestTelemetry.notInCluster(dir))
        .set(SettingKey.API_ADDRESS, server.apiAddress())
        .firstRunNotice("otterize", new PrintStream(notice, true, StandardCharsets.UTF_8))
        .shutdownHook(false)
        .reportUncaughtExceptions(false)
        .build();
    telemetry.reportCommand("otterize mapper export");
    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
    return telemetry;
  }

  @Test
  void aCliKeepsItsFilesUnderHomeWhenNoXdgConfigHomeIsSet() throws Exception {
    Path home = dir.resolve("home");

    cliRun(Map.of("HOME", home.toString()));

    Path config = home.resolve(".config").resolve("pulse");
    assertThat(config.resolve(PersistedContextId.FILE_NAME)).exists();
    assertThat(config.resolve(FirstRunNotice.MARKER)).exists();
  }

  @Test
  void aHomeThatIsNoAbsolutePathMeansNothingIsWrittenAndTheNoticeIsShownEachRun() throws Exception {
    Path relative = Path.of("?");
    boolean thereBefore = Files.exists(relative);

    cliRun(Map.of("HOME", "?"));
    cliRun(Map.of("HOME", "?"));

    assertThat(Files.exists(relative)).as("no directory named ? in the working directory").isEqualTo(thereBefore);
    assertThat(server.received()).hasSize(2);
    assertThat(notice.toString(StandardCharsets.UTF_8).split("This notice", -1)).as("shown on both runs").hasSize(3);
  }

  @Test
  void findsTheDirectoryAsGoDoes() {
    Path xdg = dir.resolve("xdg");
    Path home = dir.resolve("home");

    assertThat(ConfigDirectory.find(Map.of("XDG_CONFIG_HOME", xdg.toString(), "HOME", home.toString()), "OTTERIZE_", "/u"))
        .contains(xdg.resolve("pulse"));
    assertThat(ConfigDirectory.find(Map.of("XDG_CONFIG_HOME", "relative", "HOME", home.toString()), "ACME_", "/u"))
        .as("a relative XDG_CONFIG_HOME is passed over").contains(home.resolve(".config/pulse/acme"));
    assertThat(ConfigDirectory.find(Map.of(), "OTTERIZE_", dir.toString())).contains(dir.resolve(".config/pulse"));
    assertThat(ConfigDirectory.find(Map.of(), "OTTERIZE_", "?")).as("user.home of a uid without passwd entry")
        .isEqualTo(Optional.empty());
    assertThat(ConfigDirectory.find(Map.of("HOME", ""), "OTTERIZE_", null)).isEmpty();
  }
}
