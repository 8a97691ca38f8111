package dev.pulse.server.store;

import dev.pulse.schema.Component;
import dev.pulse.schema.TelemetryData;
import java.time.Instant;
import java.util.Objects;

/**
 * A component usage event as stored: the server's receive time, the component (its contextId
 * re-keyed, see {@code ContextKeyer}) and the event. Nothing about the request is kept.
 */
public record StoredEvent(Instant receivedAt, Component component, TelemetryData data)
    implements StoredRecord {

  public StoredEvent {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(data, "data");
  }
}
