package dev.pulse.client.send;

import java.util.Objects;
import java.util.function.Supplier;
import dev.pulse.client.config.TelemetrySettings;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventCatalog;

/**
 * Everything a {@link BatchSender} needs, resolved once.
 *
 * @param settings the resolved settings
 * @param componentType the reporting component
 * @param componentInstanceId a random UUID for this instance
 * @param version the component's version
 * @param contextId called once, on the worker thread (it may talk to the Kubernetes API)
 * @param bufferSize capacity for errors and CLI commands
 * @param uniqueKeyCap distinct keys held per unique counter
 * @param retry the retry policy
 * @param catalog the event catalog
 * @param unsentStore where unsent bodies go at exit (CLI), or null to drop them
 * @param proxy the proxy requests go through
 * @param repeatedWarnings what remembers the lines about failed sends and long pauses already shown
 *     (CLI), or null to show each
 * @param quietMemory what remembers across runs how long to leave the server alone (CLI), or null
 * @param tryWhileQuiet whether to try the server even while the quiet memory says to leave it alone
 */
public record SenderOptions(
    TelemetrySettings settings,
    ComponentType componentType,
    String componentInstanceId,
    String version,
    Supplier<String> contextId,
    int bufferSize,
    int uniqueKeyCap,
    RetryPolicy retry,
    EventCatalog catalog,
    UnsentStore unsentStore,
    ProxyChoice proxy,
    RepeatedWarnings repeatedWarnings,
    QuietMemory quietMemory,
    boolean tryWhileQuiet) {

  public SenderOptions {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(componentType, "componentType");
    Objects.requireNonNull(componentInstanceId, "componentInstanceId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(proxy, "proxy");
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be at least 1: " + bufferSize);
    }
    if (uniqueKeyCap < 1) {
      throw new IllegalArgumentException("uniqueKeyCap must be at least 1: " + uniqueKeyCap);
    }
  }

  /**
   * What keeps a lasting problem's line (a failed send, a long pause) to once a day (a CLI), or null to
   * show each: always with telemetry-debug.
   */
  RepeatedWarnings onceADay() {
    return settings.debug() ? null : repeatedWarnings;
  }
}
