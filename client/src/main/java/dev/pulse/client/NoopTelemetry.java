package dev.pulse.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.send.StatsCounters;
import dev.pulse.client.send.TelemetryStats;
import dev.pulse.schema.Anonymizer;
import dev.pulse.schema.EventType;

/** The inert instance: telemetry is off. No thread, no socket, no file; calls only count. */
final class NoopTelemetry implements PulseTelemetry {

  private final TelemetrySettings settings;
  private final Anonymizer anonymizer;
  private final StatsCounters stats = new StatsCounters();

  NoopTelemetry(TelemetrySettings settings, Anonymizer anonymizer) {
    this.settings = settings;
    this.anonymizer = anonymizer;
  }

  @Override
  public void send(EventType type, long count) {
    stats.disabled();
  }

  @Override
  public void incrementUnique(EventType type, String key) {
    stats.disabled();
  }

  @Override
  public void reportError(Throwable error) {
    stats.disabled();
  }

  @Override
  public void reportError(Throwable error, Map<String, String> metadata) {
    stats.disabled();
  }

  @Override
  public void reportCommand(String commandPath) {
    stats.disabled();
  }

  @Override
  public void reportCommand(List<String> commandPath) {
    stats.disabled();
  }

  @Override
  public String anonymize(String value) {
    return value == null ? "" : anonymizer.anonymize(value);
  }

  @Override
  public Handler logHandler() {
    return LogHandlers.silent();
  }

  @Override
  public void flush() {}

  @Override
  public TelemetryStats stats() {
    return stats.snapshot(0);
  }

  @Override
  public TelemetrySettings settings() {
    return settings;
  }

  @Override
  public boolean isActive() {
    return false;
  }

  @Override
  public boolean close(Duration deadline) {
    return true;
  }

  @Override
  public void close() {}
}
