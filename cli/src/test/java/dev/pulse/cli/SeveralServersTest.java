package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code pulse serve} processes on one PostgreSQL behind a client-side spread of the load, one
 * of them killed with SIGKILL mid-load: every acknowledged record is stored exactly once, and every
 * request is stored whole or not at all.
 */
class SeveralServersTest {

  private static final String TOKEN = "several-servers-test-token-0123";
  private static final String CONTEXT_KEY = "00112233445566778899aabbccddeeff";
  private static final int EVENTS_PER_REQUEST = TelemetryBodies.EVENTS;

  @TempDir Path dataDirs;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAcknowledgedRecordIsStoredOnceWhenOneOfThreeServersIsKilled() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String store = "--store=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
      Map<String, String> env = Map.of("PULSE_ADMIN_TOKEN", TOKEN, "PULSE_CONTEXT_KEY", CONTEXT_KEY);
      List<ServeProcess> servers = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          servers.add(ServeProcess.start(dataDirs.resolve("server-" + i), env, store));
        }
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Semaphore acks = new Semaphore(0);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(9);
        for (int t = 0; t < 9; t++) {
          URI target = servers.get(t % 3).uri("/telemetry/query");
          String prefix = "s" + (t % 3) + "t" + t + "-";
          load.submit(() -> send(target, prefix, running, attempted, acknowledged, acks));
        }
        assertThat(acks.tryAcquire(150, 120, TimeUnit.SECONDS)).as("150 acknowledged before the kill").isTrue();
        servers.get(0).kill();
        acks.drainPermits();
        int atKill = acknowledged.size();
        assertThat(acks.tryAcquire(150, 60, TimeUnit.SECONDS)).as("150 more acknowledged by the survivors").isTrue();
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(atKill + 150);

        Map<String, Integer> stored = eventsPerRequest(servers.get(1).uri("/api/v1/export/events"));
        for (String id : acknowledged) {
          assertThat(stored.get(id)).as("events of acknowledged request " + id).isEqualTo(EVENTS_PER_REQUEST);
        }
        for (Map.Entry<String, Integer> entry : stored.entrySet()) {
          assertThat(attempted).contains(entry.getKey());
          assertThat(entry.getValue()).as("request " + entry.getKey() + " stored whole").isEqualTo(EVENTS_PER_REQUEST);
        }
        assertThat(stored.keySet()).anyMatch(id -> id.startsWith("s0")).anyMatch(id -> id.startsWith("s2"));
      } finally {
        for (ServeProcess server : servers) {
          server.close();
        }
      }
    }
  }

  private void send(
      URI target, String prefix, AtomicBoolean running, Set<String> attempted, Set<String> acknowledged,
      Semaphore acks) {
    for (int n = 0; running.get() && n < 100_000; n++) {
      String id = prefix + n;
      attempted.add(id);
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TelemetryBodies.tenEvents(id)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"sendTelemetries\":true")) {
          acknowledged.add(id);
          acks.release();
        }
      } catch (IOException e) {
        return; // this sender's server is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Map<String, Integer> eventsPerRequest(URI export) throws IOException, InterruptedException {
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(export).header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> counts = new HashMap<>();
    response.body().forEach(line -> {
      try {
        JsonNode record = json.readTree(line);
        counts.merge(record.get("componentInstanceId").asText(), 1, Integer::sum);
      } catch (IOException e) {
        throw new AssertionError("export line is not JSON: " + line, e);
      }
    });
    return counts;
  }
}
