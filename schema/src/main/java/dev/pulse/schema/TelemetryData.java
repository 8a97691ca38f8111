package dev.pulse.schema;

import java.util.Objects;

/**
 * One usage event ({@code input TelemetryData}). Go clients always send {@code error} (usually "")
 * and {@code ebpf} (all fields ""); older clients omit both.
 *
 * @param eventType the event type
 * @param count the count; its meaning depends on the event type ({@link EventCatalog}); 0 when absent
 * @param error a free-text error, or "" when absent
 */
public record TelemetryData(EventType eventType, int count, String error) {

  public TelemetryData {
    Objects.requireNonNull(eventType, "eventType");
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative: " + count);
    }
    error = error == null ? "" : error;
  }

  public static TelemetryData of(EventType eventType, int count) {
    return new TelemetryData(eventType, count, "");
  }
}
