package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.config.SettingKey;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.server.PulseServer;
import dev.pulse.server.ServerConfig;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A character the real server refuses in any string (a NUL, half a surrogate pair), wherever the host
 * puts it, is sent as U+FFFD: the request is stored with every report it carries, not refused whole.
 */
class EveryCharacterIsStoredTest {

  /** One server for both tests (one stores errors, the other commands), started once: it takes a while. */
  @TempDir static Path dataDir;
  private static PulseServer server;
  @TempDir Path configDir;

  @BeforeAll
  static void startServer() {
    server = PulseServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .adminToken("every-character-admin-token-0123").build());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void aNulOrHalfASurrogatePairInAnyFieldOfAnErrorLosesNoErrorOfTheRequest() {
    RuntimeException inFrame = new RuntimeException("in a frame");
    inFrame.setStackTrace(new StackTraceElement[] {new StackTraceElement("dev.ho\0st.Wor\0ker", "ru\0n",
        "Wor\0ker.java", 3)});
    PulseTelemetry telemetry = TestTelemetry.builder("http://127.0.0.1:" + server.port(), configDir)
        .contextId("ctx")
        .set(SettingKey.TELEMETRY_USAGE_ENABLED, "false")
        .allowMetadata(Set.of("op", "o\0p"))
        .build();
    for (int i = 0; i < 5; i++) {
      telemetry.reportError(new IllegalStateException("ordinary error " + i));
    }
    telemetry.reportError(new RuntimeException("bad byte \0 in input"));
    telemetry.reportError(new RuntimeException("half a pair \uD83D here"));
    telemetry.reportError(new RuntimeException("metadata"), Map.of("op", "a\0b", "o\0p", "key"));
    telemetry.reportError(inFrame);

    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();

    assertThat(telemetry.stats().droppedFailed()).isZero();
    assertThat(telemetry.stats().lastFailure()).isEmpty();
    List<StoredError> stored = new ArrayList<>();
    server.store().forEachError(stored::add);
    assertThat(stored).hasSize(9);
    assertThat(stored).extracting(e -> e.error().message())
        .contains("bad byte \uFFFD in input", "half a pair \uFFFD here");
    assertThat(stored).filteredOn(e -> e.error().message().equals("metadata")).singleElement()
        .satisfies(e -> assertThat(e.error().metadata())
            .containsExactlyInAnyOrder(new MetadataEntry("op", "a\uFFFDb"), new MetadataEntry("o\uFFFDp", "key")));
    assertThat(stored).filteredOn(e -> e.error().message().equals("in a frame")).singleElement()
        .satisfies(e -> assertThat(e.error().stack().get(0).name()).isEqualTo("Wor\uFFFDker.ru\uFFFDn"));
  }

  @Test
  void aNulInACommandWordOrTheContextIdLosesNoCommand() {
    PulseTelemetry cli = TestTelemetry.builder("http://127.0.0.1:" + server.port(), configDir)
        .componentType(ComponentType.CLI)
        .contextId("ctx\0")
        .commandWords(List.of("mapper", "ex\0port"))
        .build();
    cli.reportCommand(List.of("otterize", "mapper", "ex\0port"));

    assertThat(cli.close(Duration.ofSeconds(30))).isTrue();

    assertThat(cli.stats().droppedFailed()).isZero();
    List<StoredCliCommand> commands = new ArrayList<>();
    server.store().forEachCliCommand(commands::add);
    assertThat(commands).singleElement().satisfies(c -> assertThat(c.command().verb()).isEqualTo("ex\uFFFDport"));
  }
}
