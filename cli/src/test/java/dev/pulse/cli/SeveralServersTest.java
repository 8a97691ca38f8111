package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code pulse serve} processes on one PostgreSQL, the load spread over them, one killed with
 * SIGKILL mid-load: every acknowledged record is stored exactly once, and every request is stored
 * whole or not at all.
 */
class SeveralServersTest {

  private static final String TOKEN = "several-servers-test-token-0123";
  private static final String CONTEXT_KEY = "00112233445566778899aabbccddeeff";

  @TempDir Path dataDirs;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAcknowledgedRecordIsStoredOnceWhenOneOfThreeServersIsKilled() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String store = "--store=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
      Map<String, String> env = Map.of("PULSE_ADMIN_TOKEN", TOKEN, "PULSE_CONTEXT_KEY", CONTEXT_KEY);
      List<ServeProcess> servers = new ArrayList<>();
      try {
        List<URI> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          servers.add(ServeProcess.start(dataDirs.resolve("server-" + i), env, store));
          targets.add(servers.get(i).uri("/telemetry/query"));
        }
        Load load = Load.start(http, targets, 9);
        load.awaitAcknowledged(150);
        servers.get(0).kill();
        load.resetAcknowledgedCount();
        load.awaitAcknowledged(150);
        load.stop();

        Map<String, Integer> stored =
            Load.eventsPerRequest(http, servers.get(1).uri("/api/v1/export/events"), TOKEN);
        for (String id : load.acknowledged) {
          assertThat(stored.get(id)).as("events of acknowledged request " + id).isEqualTo(TelemetryBodies.EVENTS);
        }
        for (Map.Entry<String, Integer> entry : stored.entrySet()) {
          assertThat(load.attempted).contains(entry.getKey());
          assertThat(entry.getValue()).as("request " + entry.getKey() + " stored whole").isEqualTo(TelemetryBodies.EVENTS);
        }
        assertThat(stored.keySet()).anyMatch(id -> id.startsWith("s0")).anyMatch(id -> id.startsWith("s2"));
      } finally {
        for (ServeProcess server : servers) {
          server.close();
        }
      }
    }
  }
}
