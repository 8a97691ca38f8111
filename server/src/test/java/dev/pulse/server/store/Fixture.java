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
import java.util.ArrayList;
import java.util.List;

/** Records that exercise what a store could get wrong: time precision, escapes, Unicode. */
public final class Fixture {

  private static final Instant START = Instant.parse("2026-08-01T00:00:00.000001Z");

  private Fixture() {}

  /** Noon-ish of day {@code n} after the start, with microseconds. */
  public static Instant day(int n) {
    return START.plusSeconds(86_400L * n + 43_210).plusNanos(654_321_000);
  }

  public static StoredEvent event(String instanceId, String contextKey, Instant at) {
    return new StoredEvent(
        at,
        new Component(ComponentType.NETWORK_MAPPER, instanceId, contextKey, "v1.5.0", ""),
        new TelemetryData(EventType.SERVICE_DISCOVERED, 42, ""));
  }

  public static StoredCliCommand cliCommand(String contextKey, Instant at) {
    return new StoredCliCommand(
        at,
        new CliIdentifier("v2.0.3", contextKey, "cli_1"),
        new CliCommand("env", "update", List.of("add-labels", "--with \"quotes\"")));
  }

  public static StoredError error(String instanceId, String contextKey, Instant at) {
    ReportedError cause =
        new ReportedError(
            "context deadline exceeded",
            "context.deadlineExceededError",
            null,
            List.of(new StackFrame("reconciler.go", 137, "(*Reconciler).Reconcile", "networkpolicy")),
            List.of());
    ReportedError error =
        new ReportedError(
            "failed reconciling:\n\tpath C:\\temp\\x — ünïcödé ✓ 🚀",
            "*errors.errorString",
            cause,
            List.of(new StackFrame("reconciler.go", 141, "(*Reconciler).Reconcile", "networkpolicy")),
            List.of(new MetadataEntry("reconciler", "NetworkPolicyReconciler")));
    return new StoredError(
        at,
        new Component(ComponentType.INTENTS_OPERATOR, instanceId, contextKey, "v0.9.1", "cloud\\1"),
        "fp-1",
        error);
  }

  /** Every kind, with tabs, newlines, backslashes and non-ASCII text in free-text fields. */
  public static RecordBatch mixedBatch() {
    StoredEvent plain = event("a", "ctx-a", day(0));
    StoredEvent tricky =
        new StoredEvent(
            day(1),
            new Component(ComponentType.CLI, "b\tc", "ctx-b", "v1\n2", "cl\\oud"),
            new TelemetryData(EventType.ACTIVE, 0, "error:\r\n\t\"quoted\" \\N not null ü"));
    StoredEvent older = event("c", "ctx-a", Instant.parse("1999-12-31T23:59:59.999999Z"));
    return new RecordBatch(
        List.of(plain, tricky, older),
        List.of(cliCommand("ctx-a", day(0)), cliCommand("ctx-b", day(2))),
        List.of(error("a", "ctx-a", day(0)), error("b", "ctx-b", day(3))));
  }

  /** Two events, a command and an error for each of two installs. */
  public static RecordBatch twoInstalls(String contextA, String contextB) {
    return new RecordBatch(
        List.of(
            event("a1", contextA, day(0)),
            event("b1", contextB, day(0)),
            event("a2", contextA, day(1)),
            event("b2", contextB, day(1))),
        List.of(cliCommand(contextA, day(0)), cliCommand(contextB, day(0))),
        List.of(error("a1", contextA, day(0)), error("b1", contextB, day(0))));
  }

  /** One record of each kind on each given day. */
  public static RecordBatch overDays(int... days) {
    List<StoredEvent> events = new ArrayList<>();
    List<StoredCliCommand> commands = new ArrayList<>();
    List<StoredError> errors = new ArrayList<>();
    for (int d : days) {
      events.add(event("i" + d, "ctx-a", day(d)));
      commands.add(cliCommand("ctx-a", day(d)));
      errors.add(error("i" + d, "ctx-a", day(d)));
    }
    return new RecordBatch(events, commands, errors);
  }
}
