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
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientHotPathBenchmark {

  private static final String DEAD = "http://127.0.0.1:9";
  private static final String[] KEYS = {"svc-a", "svc-b", "svc-c", "svc-d", "svc-e", "svc-f", "svc-g", "svc-h"};

  private PulseTelemetry pulse;
  private SdkMeterProvider meterProvider;
  private LongCounter otelCounter;
  private Attributes otelAttributes;
  private Analytics segment;
  private PostHog posthog;
  private int i;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pulse = PulseTelemetry.builder()
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

    InMemoryMetricReader reader = InMemoryMetricReader.create();
    meterProvider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    otelCounter = meterProvider.get("bench").counterBuilder("intents.applied").build();
    otelAttributes = Attributes.empty();

    segment = Analytics.builder("bench-write-key").endpoint(DEAD).build();
    posthog = new PostHog.Builder("bench-api-key").host(DEAD).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pulse.close(Duration.ofMillis(100));
    meterProvider.close();
    segment.shutdown();
    posthog.shutdown();
  }

  @Benchmark
  public void pulseSend() {
    pulse.send(EventType.NETWORK_POLICIES_CREATED, 1);
  }

  @Benchmark
  public void pulseIncrementUnique() {
    pulse.incrementUnique(EventType.SERVICE_DISCOVERED, KEYS[i++ & 7]);
  }

  @Benchmark
  public void otelLongCounterAdd() {
    otelCounter.add(1, otelAttributes);
  }

  @Benchmark
  public void segmentEnqueue() {
    segment.enqueue(TrackMessage.builder("Intents Applied").userId("bench"));
  }

  @Benchmark
  public void posthogCapture() {
    posthog.capture("bench", "intents_applied");
  }
}
