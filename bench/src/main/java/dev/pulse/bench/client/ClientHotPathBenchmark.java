package dev.pulse.bench.client;

import com.posthog.java.PostHog;
import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.config.SettingKey;
import dev.pulse.client.context.KubernetesApi;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost on the host thread of one telemetry call, Pulse against other SDKs, every endpoint
 * unreachable (127.0.0.1:9, refused) so only the in-process path is measured. OpenTelemetry gets a
 * registered reader, or its instruments would be no-ops.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/cp.txt)" org.openjdk.jmh.Main \
 *     ClientHotPathBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientHotPathBenchmark {

  private static final String DEAD = "http://127.0.0.1:9";
  private static final String[] KEYS = {"svc-a", "svc-b", "svc-c", "svc-d", "svc-e", "svc-f", "svc-g", "svc-h"};

  // One state per SDK: JMH sets up only the states a benchmark uses, so one SDK's background
  // threads (and garbage) never run while another SDK is measured.

  /** The Pulse client, telemetry on, endpoint refused. */
  @State(Scope.Benchmark)
  public static class Pulse {
    PulseTelemetry telemetry;
    int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      // The dead endpoint makes the SDK log one drop summary per interval; keep the output readable.
      java.util.logging.Logger.getLogger("dev.pulse.client").setLevel(java.util.logging.Level.SEVERE);
      telemetry = PulseTelemetry.builder()
          .componentType(ComponentType.INTENTS_OPERATOR)
          .version("bench")
          .contextId("bench")
          .environment(Map.of())
          .systemProperties(new Properties())
          .configDirectory(Files.createTempDirectory("pulse-bench"))
          .kubernetesApi(new KubernetesApi("", 443, java.nio.file.Path.of("none"),
              java.nio.file.Path.of("none"), Duration.ofSeconds(1)))
          .set(SettingKey.API_ADDRESS, DEAD)
          .shutdownHook(false)
          .reportUncaughtExceptions(false)
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      telemetry.close(Duration.ofMillis(100));
    }
  }

  /** OpenTelemetry metrics with a registered (in-memory) reader, so the counter is not a no-op. */
  @State(Scope.Benchmark)
  public static class OpenTelemetry {
    SdkMeterProvider meterProvider;
    LongCounter counter;
    Attributes attributes = Attributes.empty();

    @Setup(Level.Trial)
    public void setUp() {
      meterProvider = SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build();
      counter = meterProvider.get("bench").counterBuilder("intents.applied").build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      meterProvider.close();
    }
  }

  /** Segment analytics-java. */
  @State(Scope.Benchmark)
  public static class Segment {
    Analytics analytics;

    @Setup(Level.Trial)
    public void setUp() {
      analytics = Analytics.builder("bench-write-key").endpoint(DEAD).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      analytics.shutdown();
    }
  }

  /** PostHog Java. */
  @State(Scope.Benchmark)
  public static class Posthog {
    PostHog posthog;

    @Setup(Level.Trial)
    public void setUp() {
      posthog = new PostHog.Builder("bench-api-key").host(DEAD).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      posthog.shutdown();
    }
  }

  @Benchmark
  public void pulseSend(Pulse p) {
    p.telemetry.send(EventType.NETWORK_POLICIES_CREATED, 1);
  }

  @Benchmark
  public void pulseIncrementUnique(Pulse p) {
    p.telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, KEYS[p.i++ & 7]);
  }

  @Benchmark
  public void otelLongCounterAdd(OpenTelemetry o) {
    o.counter.add(1, o.attributes);
  }

  @Benchmark
  public void segmentEnqueue(Segment s) {
    s.analytics.enqueue(TrackMessage.builder("Intents Applied").userId("bench"));
  }

  @Benchmark
  public void posthogCapture(Posthog p) {
    p.posthog.capture("bench", "intents_applied");
  }
}
