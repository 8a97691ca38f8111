package dev.pulse.server.dashboard;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A small data set whose answers are known by construction: three ISO weeks, Monday 2026-10-05 to
 * Sunday 2026-10-25 (weeks 41, 42, 43), five installs.
 *
 * <pre>
 * install  components                        active days        version
 * ctx-a    NETWORK_MAPPER                    Oct 5..25          1.0.0, upgrades to 1.1.0 on Oct 12
 * ctx-b    INTENTS_OPERATOR + NETWORK_MAPPER Oct 5..25          1.1.0 (two components, one install)
 * ctx-c    INTENTS_OPERATOR                  Oct 5..7 (churns)  1.0.0
 * ctx-d    NETWORK_MAPPER                    Oct 12..25         1.0.0
 * ctx-e    INTENTS_OPERATOR                  Oct 19..20         1.1.0
 * </pre>
 *
 * <p>Features: ctx-b reports the LEVEL INTENTS_APPLIED=10 three times a day (never to be summed),
 * ctx-c reports 4, ctx-e reports 20; MAPPER_EXPORT (DELTA) is 2 + 3 from ctx-a and 1 from ctx-d.
 * CLI: two CLI installs, {@code intents export --format} 3 times on 0.9.0 and once on 1.0.0, {@code
 * mapper visualize} once on 0.9.0. Errors: a TimeoutException (caused by an IOException) twice from
 * ctx-a and once from ctx-d, all on 1.0.0; a Go {@code *errors.errorString} once from ctx-b.
 */
final class KnownDataSet {

  static final LocalDate FIRST_DAY = LocalDate.parse("2026-10-05");
  static final LocalDate LAST_DAY = LocalDate.parse("2026-10-25");
  static final String TIMEOUT_FINGERPRINT = "3f9a1c7e5b2d4a60";
  static final String BROKER_FINGERPRINT = "8c0e2b4d6f1a3c59";

  private final List<StoredEvent> events = new ArrayList<>();
  private final List<StoredCliCommand> commands = new ArrayList<>();
  private final List<StoredError> errors = new ArrayList<>();

  private KnownDataSet() {}

  static RecordBatch build() {
    KnownDataSet set = new KnownDataSet();
    set.installs();
    set.features();
    set.cli();
    set.errors();
    return new RecordBatch(set.events, set.commands, set.errors);
  }

  private void installs() {
    for (LocalDate day : days(FIRST_DAY, LAST_DAY)) {
      String aVersion = day.isBefore(LocalDate.parse("2026-10-12")) ? "1.0.0" : "1.1.0";
      active(day, component(ComponentType.NETWORK_MAPPER, "a-nm", "ctx-a", aVersion));
      active(day, component(ComponentType.INTENTS_OPERATOR, "b-io", "ctx-b", "1.1.0"));
      active(day, component(ComponentType.NETWORK_MAPPER, "b-nm", "ctx-b", "1.1.0"));
    }
    for (LocalDate day : days(FIRST_DAY, LocalDate.parse("2026-10-07"))) {
      active(day, component(ComponentType.INTENTS_OPERATOR, "c-io", "ctx-c", "1.0.0"));
    }
    for (LocalDate day : days(LocalDate.parse("2026-10-12"), LAST_DAY)) {
      active(day, component(ComponentType.NETWORK_MAPPER, "d-nm", "ctx-d", "1.0.0"));
    }
    for (LocalDate day : days(LocalDate.parse("2026-10-19"), LocalDate.parse("2026-10-20"))) {
      active(day, component(ComponentType.INTENTS_OPERATOR, "e-io", "ctx-e", "1.1.0"));
    }
  }

  private void features() {
    Component b = component(ComponentType.INTENTS_OPERATOR, "b-io", "ctx-b", "1.1.0");
    for (LocalDate day : days(FIRST_DAY, LAST_DAY)) {
      for (int hour : new int[] {9, 10, 11}) {
        event(at(day, hour), b, EventType.INTENTS_APPLIED, 10);
      }
    }
    Component c = component(ComponentType.INTENTS_OPERATOR, "c-io", "ctx-c", "1.0.0");
    event(at(LocalDate.parse("2026-10-06"), 9), c, EventType.INTENTS_APPLIED, 4);
    Component e = component(ComponentType.INTENTS_OPERATOR, "e-io", "ctx-e", "1.1.0");
    event(at(LocalDate.parse("2026-10-19"), 9), e, EventType.INTENTS_APPLIED, 20);
    Component aOld = component(ComponentType.NETWORK_MAPPER, "a-nm", "ctx-a", "1.0.0");
    Component aNew = component(ComponentType.NETWORK_MAPPER, "a-nm", "ctx-a", "1.1.0");
    event(at(LocalDate.parse("2026-10-06"), 9), aOld, EventType.MAPPER_EXPORT, 2);
    event(at(LocalDate.parse("2026-10-20"), 9), aNew, EventType.MAPPER_EXPORT, 3);
    Component d = component(ComponentType.NETWORK_MAPPER, "d-nm", "ctx-d", "1.0.0");
    event(at(LocalDate.parse("2026-10-13"), 9), d, EventType.MAPPER_EXPORT, 1);
  }

  private void cli() {
    CliIdentifier old = new CliIdentifier("0.9.0", "ctx-cli-1", "");
    CliIdentifier current = new CliIdentifier("1.0.0", "ctx-cli-2", "");
    for (String day : List.of("2026-10-06", "2026-10-07", "2026-10-08")) {
      command(day, old, new CliCommand("intents", "export", List.of("format")));
    }
    command("2026-10-08", old, new CliCommand("mapper", "visualize", List.of()));
    command("2026-10-10", current, new CliCommand("intents", "export", List.of("format")));
  }

  private void errors() {
    ReportedError timeout =
        new ReportedError(
            "watch timed out after 30s",
            "java.util.concurrent.TimeoutException",
            new ReportedError(
                "connection reset",
                "java.io.IOException",
                null,
                List.of(new StackFrame("SocketInput.java", 211, "read", "dev.pulse.net")),
                List.of()),
            List.of(
                new StackFrame("Watcher.java", 88, "await", "dev.pulse.mapper.watch"),
                new StackFrame("Mapper.java", 42, "run", "dev.pulse.mapper")),
            List.of(new MetadataEntry("phase", "watch")));
    Component a = component(ComponentType.NETWORK_MAPPER, "a-nm", "ctx-a", "1.0.0");
    Component d = component(ComponentType.NETWORK_MAPPER, "d-nm", "ctx-d", "1.0.0");
    error("2026-10-07", 13, a, TIMEOUT_FINGERPRINT, timeout);
    error("2026-10-07", 14, a, TIMEOUT_FINGERPRINT, timeout);
    error("2026-10-14", 13, d, TIMEOUT_FINGERPRINT, timeout);
    ReportedError broker =
        new ReportedError(
            "kafka: broker not available", "*errors.errorString", null, List.of(), List.of());
    Component b = component(ComponentType.INTENTS_OPERATOR, "b-io", "ctx-b", "1.1.0");
    error("2026-10-20", 13, b, BROKER_FINGERPRINT, broker);
  }

  private void active(LocalDate day, Component component) {
    event(at(day, 12), component, EventType.ACTIVE, 1);
  }

  private void event(Instant at, Component component, EventType type, int count) {
    events.add(new StoredEvent(at, component, TelemetryData.of(type, count)));
  }

  private void command(String day, CliIdentifier identifier, CliCommand command) {
    commands.add(new StoredCliCommand(at(LocalDate.parse(day), 15), identifier, command));
  }

  private void error(String day, int hour, Component c, String fingerprint, ReportedError e) {
    errors.add(new StoredError(at(LocalDate.parse(day), hour), c, fingerprint, e));
  }

  private static Component component(ComponentType type, String instance, String ctx, String v) {
    return new Component(type, instance, ctx, v, "");
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  private static List<LocalDate> days(LocalDate first, LocalDate last) {
    return first.datesUntil(last.plusDays(1)).toList();
  }
}
