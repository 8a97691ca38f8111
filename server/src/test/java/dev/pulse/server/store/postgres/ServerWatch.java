package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches a server while its store fails under an {@link OutageLoad}: waits for conditions, checking
 * on every round that {@code /healthz} still answers 200, and times {@code /healthz} and
 * {@code /readyz} from {@link #startTiming()} on. Used from the test's thread only.
 */
final class ServerWatch {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient probes =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Long> probeMillis = new ArrayList<>();
  private final TestServer server;
  private final OutageLoad load;
  private boolean timing;

  ServerWatch(TestServer server, OutageLoad load) {
    this.server = server;
    this.load = load;
  }

  /** From now on, how long {@code /healthz} and {@code /readyz} take to answer is recorded. */
  void startTiming() {
    timing = true;
  }

  /** The answer times recorded since {@link #startTiming()}, in milliseconds. */
  List<Long> probeMillis() {
    return List.copyOf(probeMillis);
  }

  /** Polls {@code condition} every 100 ms for 30 s, checking /healthz on each round. */
  void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      assertThat(probe("/healthz").statusCode()).isEqualTo(200);
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what + "; " + load.summary());
      }
      Thread.sleep(100);
    }
  }

  /** GETs a path of the server; an unanswered probe fails the test. */
  HttpResponse<String> probe(String path) {
    HttpRequest request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = probes.send(request, HttpResponse.BodyHandlers.ofString());
      if (timing && !path.equals("/metrics")) {
        probeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError(path + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
