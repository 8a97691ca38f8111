package dev.pulse.server.store.postgres;

import dev.pulse.schema.WireOperations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent clients sending telemetry batches to a server until stopped (or a bounded number each),
 * remembering every request: what it sent, what it was answered and how long the answer took. A
 * client that gets no answer within {@link #REQUEST_TIMEOUT} records it as unanswered. Clients pause
 * briefly between requests (longer after a 503, as a real one would), so that the load tests the
 * outage rather than the machine's CPU.
 */
final class OutageLoad implements AutoCloseable {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  static final int EVENTS_PER_REQUEST = 5;
  private static final int MAX_REQUESTS_PER_CLIENT = 5_000;

  /** One request: its install id (unique per request), its status (-1: no answer) and latency. */
  record Sent(String instanceId, int status, long millis, String body, long startedNanos) {}

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final ExecutorService clients;
  private final List<Future<?>> running = new ArrayList<>();
  private final URI endpoint;
  private volatile boolean stopped;

  OutageLoad(URI base, int clients) {
    this.endpoint = base.resolve(WireOperations.PATH);
    this.clients = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      running.add(this.clients.submit(this::run));
    }
  }

  /** The body of a request whose events all carry {@code instanceId}, numbered by their count. */
  static String body(String instanceId) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
      items.append(i == 0 ? "" : ",")
          .append("{\"component\":{\"componentType\":\"NETWORK_MAPPER\",\"componentInstanceId\":\"")
          .append(instanceId)
          .append("\",\"contextId\":\"ctx-")
          .append(instanceId)
          .append("\",\"version\":\"v1.2.3\",\"cloudClientId\":\"\"},\"data\":{\"eventType\":")
          .append("\"INTENTS_DISCOVERED\",\"count\":")
          .append(i)
          .append(",\"error\":\"\",\"ebpf\":{\"containerImage\":\"\",\"executable\":\"\",")
          .append("\"executableHash\":\"\",\"programName\":\"\",\"podName\":\"\",\"podNamespace\":\"\"}}}");
    }
    return "{\"query\":" + quote(WireOperations.SEND_TELEMETRIES)
        + ",\"variables\":{\"telemetries\":[" + items + "]},\"operationName\":\"SendTelemetries\"}";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  private void run() {
    for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && !stopped; i++) {
      String instanceId = UUID.randomUUID().toString();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body(instanceId)))
              .build();
      long start = System.nanoTime();
      int status;
      String answer;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        answer = response.headers().firstValue("Retry-After").map(r -> "Retry-After " + r + " ").orElse("")
            + response.body();
      } catch (IOException e) {
        status = -1;
        answer = "no answer: " + e;
      } catch (InterruptedException e) {
        return;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      sent.add(new Sent(instanceId, status, millis, answer, start));
      pause(status == 200 ? 20 : 100);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Requests answered so far. */
  List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Requests answered with {@code status} that started after {@code sinceNanos}. */
  long count(int status, long sinceNanos) {
    return sent.stream().filter(s -> s.status() == status && s.startedNanos() > sinceNanos).count();
  }

  /** Answers by status so far, and the last answer, for a failure message. */
  String summary() {
    Map<Integer, Long> byStatus = new TreeMap<>();
    sent.forEach(s -> byStatus.merge(s.status(), 1L, Long::sum));
    Sent last = null;
    for (Sent s : sent) {
      last = s;
    }
    return "answers by status " + byStatus + ", last: " + last;
  }

  /** Stops the clients and waits for their requests in flight. */
  @Override
  public void close() throws Exception {
    stopped = true;
    for (Future<?> client : running) {
      client.get(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    }
    clients.shutdown();
  }
}
