package dev.pulse.server.store;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
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

  /** An error with a cause chain, frames and metadata (the contract suite's, at {@link #T0}). */
  public static StoredError error(String instanceId) {
    return Fixture.error(instanceId, "ctx-" + instanceId, T0);
  }
}
