package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a 200 promises: the records are on disk, whatever happens to the process next. */
class DurabilityTest {

  private static final String TOKEN = "durability-test-token-0123456789";

  @TempDir Path dataDir;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAcknowledgedRecordSurvivesSigkillExactlyOnce() throws Exception {
    Load load;
    try (ServeProcess server = ServeProcess.start(dataDir, TOKEN)) {
      load = Load.start(http, List.of(server.uri("/telemetry/query")), 8);
      load.awaitAcknowledged(300);
      server.kill();
      load.stop();
    }

    try (ServeProcess restarted = ServeProcess.start(dataDir, TOKEN)) {
      Map<String, Integer> stored =
          Load.eventsPerRequest(http, restarted.uri("/api/v1/export/events"), TOKEN);
      for (String id : load.acknowledged) {
        assertThat(stored.get(id)).as("events of acknowledged request " + id).isEqualTo(TelemetryBodies.EVENTS);
      }
      for (Map.Entry<String, Integer> entry : stored.entrySet()) {
        assertThat(load.attempted).contains(entry.getKey());
        assertThat(entry.getValue()).as("a request is stored whole or not at all").isEqualTo(TelemetryBodies.EVENTS);
      }
    }
  }

  @Test
  void sigtermFinishesInFlightRequestsThenClosesTheStoreCleanly() throws Exception {
    Load load;
    int exit;
    try (ServeProcess server = ServeProcess.start(dataDir, TOKEN)) {
      load = Load.start(http, List.of(server.uri("/telemetry/query")), 8);
      load.awaitAcknowledged(100);
      exit = server.terminate(Duration.ofSeconds(30));
      load.stop();
      assertThat(server.output()).anyMatch(line -> line.contains("stopped"));
    }
    assertThat(exit).as("a stop asked by SIGTERM exits 0").isZero();
    assertThat(dataDir.resolve("pulse.duckdb.wal")).as("checkpointed on close").doesNotExist();
    assertThat(dataDir.resolve("journal")).as("journal applied and emptied on close").isEmptyDirectory();

    try (ServeProcess restarted = ServeProcess.start(dataDir, TOKEN)) {
      Map<String, Integer> stored =
          Load.eventsPerRequest(http, restarted.uri("/api/v1/export/events"), TOKEN);
      assertThat(stored.keySet()).containsAll(load.acknowledged);
    }
  }
}
