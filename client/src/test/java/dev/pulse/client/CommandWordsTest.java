package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.testing.FakePulseServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.WireOperations;

/**
 * An argument shaped like a command name is never sent as a modifier: modifiers go out only when the
 * host declared its command words, and then only declared words do.
 */
class CommandWordsTest {

  @TempDir Path dir;
  private FakePulseServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> commandsSent(List<String> commandWords, String... paths) throws Exception {
    server = FakePulseServer.start();
    var builder = TestTelemetry.builder(server.apiAddress(), dir).componentType(ComponentType.CLI);
    if (commandWords != null) {
      builder.commandWords(commandWords);
    }
    PulseTelemetry telemetry = builder.build();
    for (String path : paths) {
      telemetry.reportCommand(path);
    }
    assertThat(telemetry.close(Duration.ofSeconds(30))).isTrue();
    return server.received(WireOperations.SEND_CLI_TELEMETRY_NAME).stream()
        .map(r -> (Map<String, Object>) ((Map<String, Object>) r.variables().get("telemetry")).get("command"))
        .toList();
  }

  @Test
  void withoutDeclaredCommandWordsAnArgumentIsNotSentAsAModifier() throws Exception {
    List<Map<String, Object>> sent = commandsSent(null, "otterize clusters get acme-prod", "mytool users show jane");

    assertThat(sent).containsExactly(
        Map.of("noun", "clusters", "verb", "get", "modifiers", List.of()),
        Map.of("noun", "users", "verb", "show", "modifiers", List.of()));
  }

  @Test
  void withDeclaredCommandWordsOnlyThoseAreSentAsModifiers() throws Exception {
    List<Map<String, Object>> sent = commandsSent(List.of("clusters", "get", "env", "update", "add-labels"),
        "otterize clusters get acme-prod", "otterize env update add-labels");

    assertThat(sent).containsExactly(
        Map.of("noun", "clusters", "verb", "get", "modifiers", List.of()),
        Map.of("noun", "env", "verb", "update", "modifiers", List.of("add-labels")));
  }
}
