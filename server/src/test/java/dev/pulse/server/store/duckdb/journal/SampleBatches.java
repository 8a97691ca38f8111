package dev.pulse.server.store.duckdb.journal;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records and batches for the codec tests, one batch holding every kind of record. */
final class SampleBatches {

  static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123456789Z");

  private SampleBatches() {}

  /** Events of every type and component type, commands with and without modifiers, errors. */
  static RecordBatch everyKind() {
    List<StoredEvent> events = new ArrayList<>();
    ComponentType[] types = ComponentType.values();
    for (EventType type : EventType.values()) {
      Component component =
          new Component(
              types[type.ordinal() % types.length],
              "instance-" + type.ordinal() % 3,
              "ctx-" + type.ordinal() % 2,
              "v1." + type.ordinal() % 4 + ".0",
              type.ordinal() % 2 == 0 ? "" : "cloud-client-1");
      String error = type.name().startsWith("EBPF") ? "attach failed: no such file" : "";
      TelemetryData data = new TelemetryData(type, type.ordinal() * 7, error);
      events.add(new StoredEvent(T0.plusNanos(type.ordinal()), component, data));
    }
    events.add(
        new StoredEvent(
            Instant.MIN,
            component("min", "ctx-0"),
            new TelemetryData(EventType.ACTIVE, Integer.MAX_VALUE, "")));
    events.add(
        new StoredEvent(
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            component("before-epoch", "ctx-0"),
            TelemetryData.of(EventType.STARTED, 0)));
    List<StoredCliCommand> commands =
        List.of(
            command("v2.0.3", "--all", "-n", ""),
            command("v2.0.4"),
            new StoredCliCommand(
                Instant.MAX,
                new CliIdentifier("v2.0.3", "ctx-1", ""),
                new CliCommand("mapper", "export", List.of("--format", "json"))));
    List<StoredError> errors =
        List.of(chainedError(), Fixture.error("b", "ctx-b", T0), loneError());
    return new RecordBatch(events, commands, errors);
  }

  static StoredCliCommand command(String version, String... modifiers) {
    return new StoredCliCommand(
        T0.plusMillis(1),
        new CliIdentifier(version, "ctx-cli", "cli_1"),
        new CliCommand("intents", "apply", List.of(modifiers)));
  }

  private static StoredError chainedError() {
    ReportedError root =
        new ReportedError(
            "dial tcp 10.0.0.1:443: connect: connection refused",
            "*net.OpError",
            null,
            List.of(frame(0), new StackFrame("", -1, "", "")),
            List.of(new MetadataEntry("addr", "10.0.0.1:443"), new MetadataEntry("retry", "")));
    ReportedError middle =
        new ReportedError("calling the API", "*fmt.wrapError", root, List.of(), List.of());
    ReportedError outer =
        new ReportedError(
            "reconciling intents",
            "*errors.withStack",
            middle,
            List.of(frame(1), frame(2)),
            List.of(new MetadataEntry("reconciler", "IntentsReconciler")));
    return new StoredError(T0.plusSeconds(5), component("op-1", "ctx-0"), "fp-chain", outer);
  }

  private static StoredError loneError() {
    ReportedError error =
        new ReportedError("panic: nil map", "runtime.Error", null, List.of(), List.of());
    Component agent = new Component(ComponentType.NODE_AGENT, "agent-1", "ctx-9", "v0.1.0", "c");
    return new StoredError(T0, agent, "fp-lone", error);
  }

  static StackFrame frame(int n) {
    return new StackFrame(
        "reconciler.go", 100 + n, "(*Reconciler).Reconcile", "github.com/example/operator/pkg");
  }

  static Component component(String instanceId, String contextId) {
    return new Component(ComponentType.INTENTS_OPERATOR, instanceId, contextId, "v1.2.3", "");
  }
}
