package dev.pulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real DuckDB store with its analytics and a real HTTP receiver of alerts on loopback, new for each test. */
abstract class StoreAndAlertReceiver {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Clock NOV_20 = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  DuckDbEventStore store;
  Analytics analytics;
  HttpServer receiver;
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresToGive = new AtomicInteger();
  final AtomicInteger posts = new AtomicInteger();
  final MeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws IOException {
    store = DuckDbEventStore.open(dataDir);
    analytics = Analytics.create(DuckDbAnalyticsSource.rollups(store));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      posts.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
      if (status == 200) {
        received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    store.close();
  }

  AlertSettings settings(OptionalDouble rate) {
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    return new AlertSettings(hook, rate, Duration.ofMinutes(1), Duration.ofMillis(20), false, Optional.empty(),
        Optional.empty());
  }

  /** A watcher of the DuckDB store, the only server of its deployment, with claims of its own. */
  AlertWatcher watcher(AlertSettings settings, Clock clock) {
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    Claims own = new Claims() {
      @Override
      public boolean claim(String key) {
        return claimed.add(key);
      }

      @Override
      public String claimValue(String key, String value) {
        throw new UnsupportedOperationException("alerts claim no values");
      }
    };
    return new AlertWatcher(analytics, settings, clock, own, meters);
  }

  void awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5); // polling a condition with a deadline, not timing the test
    }
    assertThat(received).hasSizeGreaterThanOrEqualTo(count);
  }
}
