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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code pulse serve} whose data dir is on a small tmpfs that fills up, DuckDB and journal
 * included, while senders keep going; then space is freed. Every acknowledged record must be stored
 * exactly once and intact, before and after a restart, and the process must answer throughout.
 */
class FullDiskTest {

  private static final String TOKEN = "full-disk-test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIB = 1 << 20;

  @TempDir Path base;

  // HTTP/1.1, as the server speaks: the JDK's h2c upgrade on a GET's new connection can leave one in
  // the pool that a sender's POST then finds closed before any answer, a client artefact.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** With the reserve (the default behaviour, small), and with it off so that the disk really fills. */
  @ParameterizedTest(name = "--min-free-disk={0}")
  @ValueSource(strings = {"4MiB", "0"})
  void aFullDiskLosesAndAltersNoAcknowledgedRecordAndWritesResumeOnceSpaceIsFreed(String reserve)
      throws Exception {
    boolean reserveOn = !reserve.equals("0");
    try (Tmpfs disk = Tmpfs.mount(base.resolve("data"), 40)) {
      disk.reserve("spare", 12 * MIB); // freed at the end: room for writes to resume
      Senders senders;
      try (ServeProcess server = ServeProcess.start(disk.dir(), TOKEN,
          "--min-free-disk=" + reserve, "--rollup-refresh-seconds=1")) {
        // Most of the disk goes at once; ingestion takes the last few MiB.
        disk.fillLeaving("filler", 6 * MIB);
        senders = Senders.start(http, server.uri("/telemetry/query"), 3);
        await("ingestion refused", () -> senders.refused.get() > 0);
        // Awaited, not read once: the server itself frees space now and then (a failed commit's part of
        // DuckDB's log is cut off), and is rightly ready for as long as the reserve is free.
        if (reserveOn) {
          await("the low-disk gauge, with less than the reserve free", () -> {
            String metrics = metrics(server);
            return metric(metrics, "pulse_store_disk_low") == 1.0 && metric(metrics, "pulse_store_disk_free_bytes") < 4 * MIB;
          });
          await("/readyz 503 while below the reserve", () -> status(server, "/readyz") == 503);
        }

        // The rest of the disk: DuckDB's applies and rollup refreshes hit ENOSPC, and so does the
        // journal when there is no reserve. Senders keep going; the process keeps answering.
        disk.fill("rest");
        int refused = senders.refused.get();
        await("more refusals on a full disk", () -> senders.refused.get() > refused + 50);
        assertThat(status(server, "/healthz")).isEqualTo(200);
        assertThat(status(server, "/api/v1/export/events")).isIn(200, 503);
        if (reserveOn) {
          await("/readyz 503 on a full disk", () -> status(server, "/readyz") == 503);
        }

        disk.delete("rest");
        disk.delete("filler");
        disk.delete("spare");
        int acknowledged = senders.acknowledged.size();
        await("writes resuming", () -> senders.acknowledged.size() > acknowledged + 50);
        senders.stop();
        await("ready again", () -> status(server, "/readyz") == 200);
        assertThat(metric(metrics(server), "pulse_store_disk_low")).isEqualTo(0.0);
        assertEveryAcknowledgedRecordIntact(senders, server);
        long refusalLines = server.output().stream().filter(l -> l.contains("store unavailable:")).count();
        assertThat(refusalLines).as("refusals are logged a line per 10 s, not a line per request")
            .isLessThan(senders.refused.get() / 10);
        if (reserveOn) {
          long low = server.output().stream().filter(l -> l.contains("disk low: the data dir")).count();
          assertThat(server.output()).as("the line names the setting that keeps the room")
              .filteredOn(l -> l.contains("disk low: the data dir")).allMatch(l -> l.contains("(min-free-disk)"));
          long back = server.output().stream().filter(l -> l.contains("disk space back")).count();
          assertThat(low).as("one log line per low-disk episode").isBetween(1L, back + 1)
              .isLessThan(senders.refused.get() / 10);
        }
        assertThat(server.terminate(Duration.ofSeconds(60))).as("a stop asked by SIGTERM exits 0").isZero();
      }
      // The same reserve: the default (256 MiB) is larger than this disk, which serve refuses at start.
      try (ServeProcess restarted = ServeProcess.start(disk.dir(), TOKEN, "--min-free-disk=" + reserve)) {
        assertEveryAcknowledgedRecordIntact(senders, restarted);
      }
    }
  }

  /** Every acknowledged request's ten events, once each, field by field; nothing never sent. */
  private void assertEveryAcknowledgedRecordIntact(Senders senders, ServeProcess server) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response = get(server, "/api/v1/export/events",
        HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, List<JsonNode>> stored = new HashMap<>();
    response.body().forEach(line -> {
      try {
        JsonNode record = JSON.readTree(line);
        stored.computeIfAbsent(record.get("componentInstanceId").asText(), k -> new ArrayList<>()).add(record);
      } catch (IOException e) {
        throw new AssertionError("export line is not JSON: " + line, e);
      }
    });
    assertThat(senders.attempted).containsAll(stored.keySet());
    assertThat(stored.keySet()).containsAll(senders.acknowledged);
    Map<String, String> contextOfInstall = new HashMap<>();
    for (Map.Entry<String, List<JsonNode>> request : stored.entrySet()) {
      String id = request.getKey();
      List<Integer> counts = new ArrayList<>();
      for (JsonNode record : request.getValue()) {
        assertThat(record.get("componentType").asText()).as(id).isEqualTo("NETWORK_MAPPER");
        assertThat(record.get("version").asText()).as(id).isEqualTo("v1.5.0");
        assertThat(record.get("cloudClientId").asText()).as(id).isEmpty();
        assertThat(record.get("eventType").asText()).as(id).isEqualTo("SERVICE_DISCOVERED");
        assertThat(record.get("error").asText()).as(id).isEmpty();
        // contextId is stored re-keyed: the same install always maps to the same key.
        String contextId = record.get("contextId").asText();
        assertThat(contextOfInstall.computeIfAbsent("ctx-" + (id.hashCode() & 7), k -> contextId))
            .as(id).isEqualTo(contextId);
        counts.add(record.get("count").asInt());
      }
      assertThat(counts).as("events of request " + id + ", once each").containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
    assertThat(contextOfInstall.values()).doesNotHaveDuplicates();
  }

  private int status(ServeProcess server, String path) throws InterruptedException {
    return get(server, path, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A GET with the admin token; a request that fails says whether the server still runs, and its last lines. */
  private <T> HttpResponse<T> get(ServeProcess server, String path, HttpResponse.BodyHandler<T> body)
      throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + TOKEN).build(), body);
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed (" + e + "); " + server.state(), e);
    }
  }

  private String metrics(ServeProcess server) throws InterruptedException {
    return get(server, "/metrics", HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double metric(String metrics, String name) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name + " in /metrics");
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Polls for up to 120 s (a loaded machine; the behaviour itself takes seconds). */
  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 120 s for " + what);
      }
      Thread.sleep(50); // polling interval, not synchronization
    }
  }

  /** Closed-loop senders of ten-event requests, each under its own componentInstanceId. */
  private static final class Senders {
    final Set<String> attempted = ConcurrentHashMap.newKeySet();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool;

    private Senders(int threads) {
      pool = Executors.newFixedThreadPool(threads);
    }

    static Senders start(HttpClient http, URI target, int threads) {
      Senders senders = new Senders(threads);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        senders.pool.submit(() -> senders.send(http, target, thread));
      }
      return senders;
    }

    void stop() throws InterruptedException {
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
      assertThat(failures).as("what the senders saw").isEmpty();
    }

    private void send(HttpClient http, URI target, int thread) {
      for (int n = 0; running.get() && n < 200_000; n++) {
        String id = TelemetryBodies.requestId(0, thread, n);
        attempted.add(id);
        try {
          HttpResponse<String> response = http.send(
              HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(TelemetryBodies.tenEvents(id))).build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"sendTelemetries\":true")) {
            acknowledged.add(id);
          } else if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            refused.incrementAndGet();
          } else {
            failures.add(new AssertionError("unexpected answer " + response.statusCode() + ": " + response.body()));
            return;
          }
        } catch (IOException e) {
          failures.add(new AssertionError("the server stopped answering: " + e, e));
          return;
        } catch (RuntimeException e) { // told, not lost in the pool's future
          failures.add(new AssertionError("a sender failed: " + e, e));
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
