package dev.pulse.example.operator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import dev.pulse.client.PulseTelemetry;
import dev.pulse.client.PulseTelemetryBuilder;
import dev.pulse.client.config.ResolvedSetting;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;

/**
 * A pretend Kubernetes operator that reports usage like a real one: STARTED at start, ACTIVE on
 * schedule, counts of what it applies, unique counters of the services and namespaces it sees, and one
 * error. Every telemetry setting works as for any component: {@code --telemetry-enabled=false},
 * {@code OTTERIZE_API_ADDRESS=http://localhost:8080}, {@code DO_NOT_TRACK=1}, ...
 *
 * <pre>java -jar examples/demo-operator/target/demo-operator.jar --duration 10 --telemetry-debug</pre>
 */
public final class DemoOperator {

  /** Where the demo sends unless told otherwise: a local {@code pulse serve}. */
  static final String LOCAL_PULSE = "http://localhost:8080";

  private static final List<String> NAMESPACES = List.of("default", "payments", "checkout");
  private static final List<String> SERVICES = List.of("cart", "ledger", "web", "db", "queue");

  private DemoOperator() {}

  public static void main(String[] args) throws InterruptedException {
    run(PulseTelemetry.builder(), args, System.out);
  }

  /** Runs the demo with a prepared builder (tests isolate it from the machine); returns the stats. */
  static TelemetryStats run(PulseTelemetryBuilder builder, String[] args, PrintStream out)
      throws InterruptedException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      printHelp(out); // help sends nothing
      return TelemetryStats.ZERO;
    }
    Duration duration = Duration.ofSeconds(durationSeconds(args));
    PulseTelemetry telemetry = builder
        .componentType(ComponentType.INTENTS_OPERATOR)
        .versionFrom(DemoOperator.class)
        .defaultApiAddress(LOCAL_PULSE) // the maintainer's endpoint; users override it as usual
        .flags(args)
        .build();
    printSettings(telemetry, out);

    long end = System.nanoTime() + duration.toNanos();
    int round = 0;
    while (System.nanoTime() - end < 0) {
      reconcile(telemetry, round++);
      // The operator's own pacing (its "work"), not a synchronisation.
      Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    reportOneError(telemetry);

    boolean flushed = telemetry.close(Duration.ofSeconds(5));
    TelemetryStats stats = telemetry.stats();
    out.printf("demo-operator: %d reconcile rounds; telemetry %s: sent %d, dropped %d, retried %d%n",
        round, flushed ? "flushed" : "not fully flushed", stats.sent(), stats.dropped(), stats.retried());
    return stats;
  }

  /** One pretend reconcile loop: what a real operator would count. */
  private static void reconcile(PulseTelemetry telemetry, int round) {
    String namespace = NAMESPACES.get(round % NAMESPACES.size());
    String service = SERVICES.get(round % SERVICES.size());
    // Names are hashed before counting; only the number of distinct names leaves the process.
    telemetry.incrementUnique(EventType.NAMESPACE_DISCOVERED, telemetry.anonymize(namespace));
    telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, telemetry.anonymize(namespace + "/" + service));
    telemetry.send(EventType.INTENTS_APPLIED, 3 + round % 4);
    telemetry.send(EventType.NETWORK_POLICIES_CREATED, 1);
  }

  private static void reportOneError(PulseTelemetry telemetry) {
    try {
      throw new IllegalStateException("reconcile failed for a ClientIntents resource",
          new java.net.ConnectException("connection refused"));
    } catch (IllegalStateException e) {
      telemetry.reportError(e);
    }
  }

  private static void printHelp(PrintStream out) {
    out.println("Usage: java -jar demo-operator.jar [--duration SECONDS] [telemetry flags]");
    out.println("A pretend operator that reports usage to Pulse for --duration seconds (default 10), then exits.");
    out.println("Telemetry flags: --api-address=URL (default " + LOCAL_PULSE + "), --telemetry-enabled=false,");
    out.println("--telemetry-debug=true, ...; the OTTERIZE_* environment variables and DO_NOT_TRACK=1 work too.");
  }

  private static void printSettings(PulseTelemetry telemetry, PrintStream out) {
    out.println("demo-operator: telemetry " + (telemetry.isActive() ? "on" : "off"));
    for (ResolvedSetting s : telemetry.settings().describe()) {
      out.printf("  %-36s %-30s %s%n", s.key().key(), s.value(), s.source().label());
    }
  }

  /** {@code --duration N} or {@code --duration=N} (seconds, default 10); other flags go to the SDK. */
  static long durationSeconds(String[] args) {
    List<String> list = Arrays.asList(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      String value = null;
      if (arg.startsWith("--duration=")) {
        value = arg.substring("--duration=".length());
      } else if (arg.equals("--duration") && i + 1 < list.size()) {
        value = list.get(i + 1);
      }
      if (value != null) {
        try {
          return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
          System.err.println("demo-operator: --duration wants whole seconds, got '" + value + "'; using 10");
        }
      }
    }
    return 10;
  }
}
