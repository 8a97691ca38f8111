package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed-loop senders for the process-level tests. Each request carries {@link TelemetryBodies#EVENTS}
 * events under its own componentInstanceId ({@link TelemetryBodies#requestId}), so that what was
 * attempted, what was acknowledged and what was stored can be compared request by request.
 */
final class Load {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Set<String> attempted = ConcurrentHashMap.newKeySet();
  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Semaphore acks = new Semaphore(0);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService pool;
  private final HttpClient http;

  private Load(HttpClient http, int threads) {
    this.http = http;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  /** Starts {@code threads} senders, thread {@code t} sending to {@code targets[t % targets]}. */
  static Load start(HttpClient http, List<URI> targets, int threads) {
    Load load = new Load(http, threads);
    for (int t = 0; t < threads; t++) {
      URI target = targets.get(t % targets.size());
      int server = t % targets.size();
      int thread = t;
      load.pool.submit(() -> load.send(target, server, thread));
    }
    return load;
  }

  /** Waits for {@code count} more acknowledgements than were awaited so far. */
  void awaitAcknowledged(int count) throws InterruptedException {
    if (!acks.tryAcquire(count, 60, TimeUnit.SECONDS)) {
      throw new AssertionError("only " + acknowledged.size() + " requests acknowledged; waited 60 s for " + count + " more");
    }
  }

  /** Forgets acknowledgements not yet awaited, so the next wait counts from now. */
  void resetAcknowledgedCount() {
    acks.drainPermits();
  }

  void stop() throws InterruptedException {
    running.set(false);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  /** How many events of each request the export at {@code export} holds. */
  static Map<String, Integer> eventsPerRequest(HttpClient http, URI export, String token)
      throws IOException, InterruptedException {
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(export).header("Authorization", "Bearer " + token).build(),
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

  private void send(URI target, int server, int thread) {
    for (int n = 0; running.get() && n < 100_000; n++) {
      String id = TelemetryBodies.requestId(server, thread, n);
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
}
