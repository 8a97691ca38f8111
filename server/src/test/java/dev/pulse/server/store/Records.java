package dev.pulse.server.store;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import java.time.Instant;
import java.util.List;

/** Small records for store tests. */
public final class Records {

  public static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123456Z");

  private Records() {}

  public static Component component(String instanceId) {
    return new Component(ComponentType.NETWORK_MAPPER, instanceId, "ctx-" + instanceId, "v1.5.0", "");
  }

  public static StoredEvent event(String instanceId, EventType type, int count) {
    return new StoredEvent(T0, component(instanceId), new TelemetryData(type, count, ""));
  }

  public static StoredCliCommand cliCommand(String contextKey, String noun, String verb, String... modifiers) {
    return new StoredCliCommand(
        T0, new CliIdentifier("v2.0.3", contextKey, "cli_1"), new CliCommand(noun, verb, List.of(modifiers)));
  }

  public static StoredError error(String instanceId) {
    ReportedError cause =
        new ReportedError(
            "context deadline exceeded",
            "context.deadlineExceededError",
            null,
            List.of(new StackFrame("reconciler.go", 137, "(*Reconciler).Reconcile", "networkpolicy")),
            List.of());
    ReportedError error =
        new ReportedError(
            "failed reconciling",
            "*errors.errorString",
            cause,
            List.of(new StackFrame("reconciler.go", 141, "(*Reconciler).Reconcile", "networkpolicy")),
            List.of(new MetadataEntry("reconciler", "NetworkPolicyReconciler")));
    return new StoredError(T0, component(instanceId), "fp-1", error);
  }
}
