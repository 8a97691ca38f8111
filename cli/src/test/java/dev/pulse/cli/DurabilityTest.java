package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a 200 promises: the records are on disk, whatever happens to the process next. */
class DurabilityTest {

  private static final String TOKEN = "durability-test-token-0123456789";
  private static final int EVENTS_PER_REQUEST = TelemetryBodies.EVENTS;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAcknowledgedRecordSurvivesSigkillExactlyOnce() throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> attempted = ConcurrentHashMap.newKeySet();
    try (ServeProcess server = ServeProcess.start(dataDir, TOKEN)) {
      CountDownLatch enough = new CountDownLatch(300);
      Load load = Load.start(http, server.uri("/telemetry/query"), 8, attempted, acknowledged, enough);
      await(enough, acknowledged);
      server.kill();
      load.stop();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

    try (ServeProcess restarted = ServeProcess.start(dataDir, TOKEN)) {
      Map<String, Integer> stored = eventsPerInstance(restarted.uri("/api/v1/export/events"));
      for (String id : acknowledged) {
        assertThat(stored.get(id)).as("events of acknowledged request " + id).isEqualTo(EVENTS_PER_REQUEST);
      }
      for (Map.Entry<String, Integer> entry : stored.entrySet()) {
        assertThat(attempted).contains(entry.getKey());
        assertThat(entry.getValue()).as("a request is stored whole or not at all").isEqualTo(EVENTS_PER_REQUEST);
      }
    }
  }

  @Test
  void sigtermFinishesInFlightRequestsThenClosesTheStoreCleanly() throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> attempted = ConcurrentHashMap.newKeySet();
    int exit;
    try (ServeProcess server = ServeProcess.start(dataDir, TOKEN)) {
      CountDownLatch enough = new CountDownLatch(100);
      Load load = Load.start(http, server.uri("/telemetry/query"), 8, attempted, acknowledged, enough);
      await(enough, acknowledged);
      exit = server.terminate(Duration.ofSeconds(30));
      load.stop();
      assertThat(server.output()).anyMatch(line -> line.contains("stopped"));
    }
    assertThat(exit).isIn(0, 143);
    assertThat(dataDir.resolve("pulse.duckdb.wal")).as("checkpointed on close").doesNotExist();

    try (ServeProcess restarted = ServeProcess.start(dataDir, TOKEN)) {
      Map<String, Integer> stored = eventsPerInstance(restarted.uri("/api/v1/export/events"));
      assertThat(stored.keySet()).containsAll(acknowledged);
    }
  }

  private Map<String, Integer> eventsPerInstance(URI export) throws IOException, InterruptedException {
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(export).header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Integer> counts = new HashMap<>();
    response.body().forEach(line -> {
      try {
        JsonNode record = JSON.readTree(line);
        counts.merge(record.get("componentInstanceId").asText(), 1, Integer::sum);
      } catch (IOException e) {
        throw new AssertionError("export line is not JSON: " + line, e);
      }
    });
    return counts;
  }

  private static void await(CountDownLatch latch, Set<String> acknowledged) throws InterruptedException {
    if (!latch.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("only " + acknowledged.size() + " requests acknowledged within 60 s");
    }
  }

  /** Closed-loop senders; each request has its own componentInstanceId and 10 events. */
  private static final class Load {
    private final ExecutorService pool;
    private final AtomicBoolean running;

    private Load(ExecutorService pool, AtomicBoolean running) {
      this.pool = pool;
      this.running = running;
    }

    static Load start(
        HttpClient http, URI uri, int threads, Set<String> attempted, Set<String> acknowledged,
        CountDownLatch acks) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicBoolean running = new AtomicBoolean(true);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.submit(() -> {
          for (int n = 0; running.get() && n < 100_000; n++) {
            String id = "t" + thread + "-" + n;
            attempted.add(id);
            try {
              HttpResponse<String> response =
                  http.send(
                      HttpRequest.newBuilder(uri)
                          .timeout(Duration.ofSeconds(30))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(TelemetryBodies.tenEvents(id)))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200 && response.body().contains("\"sendTelemetries\":true")) {
                acknowledged.add(id);
                acks.countDown();
              }
            } catch (IOException e) {
              return; // the server is gone
            } catch (InterruptedException e) {
              return;
            }
          }
        });
      }
      return new Load(pool, running);
    }

    void stop() throws InterruptedException {
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
  }

}
