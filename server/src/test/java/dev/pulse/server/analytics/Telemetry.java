package dev.pulse.server.analytics;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds hand-made data sets for analytics tests: records whose answers are known by construction. */
public final class Telemetry {

  private final List<StoredEvent> events = new ArrayList<>();
  private final List<StoredCliCommand> commands = new ArrayList<>();
  private final List<StoredError> errors = new ArrayList<>();

  public static Instant at(String dayAndTime) {
    return Instant.parse(dayAndTime.contains("T") ? dayAndTime + "Z" : dayAndTime + "T12:00:00Z");
  }

  public static LocalDate day(String day) {
    return LocalDate.parse(day);
  }

  /** An ACTIVE event of a network mapper instance "{install}-nm" at version v1. */
  public Telemetry active(String install, String when) {
    return event(install, ComponentType.NETWORK_MAPPER, "v1", EventType.ACTIVE, 0, when);
  }

  public Telemetry event(String install, ComponentType type, String version, EventType eventType, int count,
      String when) {
    return event(install, type, install + "-" + type.name().toLowerCase(), version, eventType, count, when);
  }

  public Telemetry event(String install, ComponentType type, String instance, String version, EventType eventType,
      int count, String when) {
    events.add(new StoredEvent(at(when), new Component(type, instance, install, version, ""),
        TelemetryData.of(eventType, count)));
    return this;
  }

  public Telemetry eventAt(String install, ComponentType type, String instance, String version, EventType eventType,
      int count, Instant when) {
    events.add(new StoredEvent(when, new Component(type, instance, install, version, ""),
        TelemetryData.of(eventType, count)));
    return this;
  }

  public Telemetry cli(String context, String version, String noun, String verb, String when, String... modifiers) {
    commands.add(new StoredCliCommand(at(when), new CliIdentifier(version, context, ""),
        new CliCommand(noun, verb, List.of(modifiers))));
    return this;
  }

  public Telemetry error(String install, String version, String fingerprint, String message, String when) {
    ReportedError cause = new ReportedError("connection refused", "*net.OpError", null,
        List.of(new StackFrame("dial.go", 42, "Dial", "net")), List.of());
    ReportedError error = new ReportedError(message, "*errors.errorString", cause,
        List.of(new StackFrame("reconciler.go", 141, "(*Reconciler).Reconcile", "networkpolicy")), List.of());
    errors.add(new StoredError(at(when),
        new Component(ComponentType.INTENTS_OPERATOR, install + "-io", install, version, ""), fingerprint, error));
    return this;
  }

  public RecordBatch batch() {
    return new RecordBatch(events, commands, errors);
  }
}
