package dev.pulse.bench.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Sends realistic batches (the network mapper's full batch of 100 events, with a distinct contextId
 * per simulated install) from many concurrent connections for a bounded time, and reports requests,
 * events/s and latency percentiles at acknowledgement. The connections can be spread round-robin over
 * several servers (connection {@code c} sends to target {@code c % targets}). Only loopback targets: it
 * refuses others.
 */
public final class LoadGenerator {

  /**
   * What one run measured. Latencies count from when a request was sent. At a fixed rate,
   * {@code p99FromDueMillis} counts from when it was due instead: a request that waited for a free
   * connection while the server stalled counts its wait (no "coordinated omission"); NaN otherwise.
   */
  public record Result(
      String target, int connections, long requests, long failures, long events, double seconds,
      double p50Millis, double p99Millis, double p999Millis, double p99FromDueMillis) {

    public double eventsPerSecond() {
      return events / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "%-28s conns=%3d requests=%8d failures=%d events/s=%,10.0f p50=%6.2f ms p99=%6.2f ms p99.9=%7.2f ms%s",
          target, connections, requests, failures, eventsPerSecond(), p50Millis, p99Millis, p999Millis,
          Double.isNaN(p99FromDueMillis) ? "" : String.format(" (p99 from when due: %.2f ms)", p99FromDueMillis));
    }
  }

  private static final String TEMPLATE_CONTEXT =
      "0252338b7da7b5c1f8cc21fcdfe41cc050c4b5c39986ba191837ffed79c3af66";
  static final int EVENTS_PER_BATCH = 100;

  private final List<byte[]> bodies;
  private final boolean gzip;

  private LoadGenerator(List<byte[]> bodies, boolean gzip) {
    this.bodies = bodies;
    this.gzip = gzip;
  }

  /** A generator with {@code installs} distinct bodies, optionally gzip-compressed. */
  public static LoadGenerator create(int installs, boolean gzip) {
    String template = readTemplate();
    List<byte[]> bodies = new ArrayList<>(installs);
    for (int i = 0; i < installs; i++) {
      String contextId = String.format("%064x", i + 1L);
      byte[] body = template.replace(TEMPLATE_CONTEXT, contextId).getBytes(StandardCharsets.UTF_8);
      bodies.add(gzip ? gzip(body) : body);
    }
    return new LoadGenerator(bodies, gzip);
  }

  /** The bodies this generator sends, one per simulated install (compressed if it gzips). */
  List<byte[]> bodies() {
    return bodies;
  }

  /**
   * Runs {@code connections} closed-loop senders against {@code uri} for {@code duration}, or at a
   * fixed total rate when {@code requestsPerSecond > 0} (open loop, to measure latency at a load).
   */
  public Result run(URI uri, int connections, Duration duration, double requestsPerSecond)
      throws InterruptedException {
    return run(List.of(uri), connections, duration, requestsPerSecond);
  }

  /**
   * As {@link #run(URI, int, Duration, double)}, with the connections spread round-robin over
   * {@code uris} (all with the same path, one per server); the rate, if any, is the total over all.
   */
  public Result run(List<URI> uris, int connections, Duration duration, double requestsPerSecond)
      throws InterruptedException {
    uris.forEach(LoadGenerator::requireLoopback);
    ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(clientThreads)
            .build();
    AtomicLong failures = new AtomicLong();
    long[][] latencies = new long[connections][];
    long[][] fromDue = new long[connections][];
    int[] counts = new int[connections];
    long deadline = System.nanoTime() + duration.toNanos();
    long intervalNanos = requestsPerSecond > 0 ? (long) (1e9 * connections / requestsPerSecond) : 0;
    ExecutorService senders = Executors.newFixedThreadPool(connections);
    List<Future<?>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      int connection = c;
      URI uri = uris.get(c % uris.size());
      latencies[c] = new long[1 << 16];
      fromDue[c] = new long[1 << 16];
      futures.add(
          senders.submit(
              () -> counts[connection] = sendLoop(client, uri, connection, deadline, intervalNanos, latencies,
                  fromDue, failures)));
    }
    for (Future<?> future : futures) {
      try {
        future.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("a sender failed", e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    senders.shutdownNow();
    clientThreads.shutdownNow(); // else its threads keep the JVM alive after the last run
    long[] all = merge(latencies, counts);
    Arrays.sort(all);
    long[] due = merge(fromDue, counts);
    Arrays.sort(due);
    long requests = all.length;
    long ok = requests - failures.get();
    String target = uris.get(0).getPath() + (uris.size() > 1 ? " x" + uris.size() + " servers" : "");
    return new Result(
        target, connections, requests, failures.get(), ok * EVENTS_PER_BATCH, seconds,
        percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, percentile(all, 0.999) / 1e6,
        intervalNanos > 0 ? percentile(due, 0.99) / 1e6 : Double.NaN);
  }

  private int sendLoop(
      HttpClient client, URI uri, int connection, long deadline, long intervalNanos,
      long[][] latencies, long[][] fromDue, AtomicLong failures) {
    int n = 0;
    long next = System.nanoTime()
        + (intervalNanos == 0 ? 0 : (intervalNanos * connection) / Math.max(1, latencies.length));
    while (System.nanoTime() < deadline) {
      long dueAt = next;
      if (intervalNanos > 0) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        next += intervalNanos;
      }
      byte[] body = bodies.get((connection * 7919 + n) % bodies.size());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (gzip) {
        request.header("Content-Encoding", "gzip");
      }
      long sent = System.nanoTime();
      try {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || !new String(response.body(), StandardCharsets.UTF_8).contains("true")) {
          failures.incrementAndGet();
        }
      } catch (IOException e) {
        failures.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return n;
      }
      long done = System.nanoTime();
      long[] mine = latencies[connection];
      long[] mineFromDue = fromDue[connection];
      if (n == mine.length) {
        latencies[connection] = mine = Arrays.copyOf(mine, mine.length * 2);
        fromDue[connection] = mineFromDue = Arrays.copyOf(mineFromDue, mineFromDue.length * 2);
      }
      mine[n] = done - sent;
      mineFromDue[n++] = done - dueAt;
    }
    return n;
  }

  private static long[] merge(long[][] latencies, int[] counts) {
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < counts.length; c++) {
      System.arraycopy(latencies[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    return all;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static void requireLoopback(URI uri) {
    String host = uri.getHost();
    if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"))) {
      throw new IllegalArgumentException("the load generator only targets loopback addresses, not " + host);
    }
  }

  private static String readTemplate() {
    try (InputStream in = LoadGenerator.class.getResourceAsStream("/dev/pulse/bench/mapper-full-batch.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
