package dev.pulse.schema;

import java.util.Objects;

/** One usage event with the component that sent it ({@code input TelemetryInput}). */
public record TelemetryInput(Component component, TelemetryData data) {

  public TelemetryInput {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(data, "data");
  }
}
