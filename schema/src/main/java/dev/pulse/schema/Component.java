package dev.pulse.schema;

import java.util.Objects;

/**
 * The identity of a reporting component ({@code input Component}).
 *
 * @param componentType which component
 * @param componentInstanceId a random UUID per running instance
 * @param contextId the anonymized id of the install context (see {@link Anonymizer})
 * @param version the component's version
 * @param cloudClientId the cloud client id, or {@code ""} when not connected (as the Go clients send)
 */
public record Component(
    ComponentType componentType,
    String componentInstanceId,
    String contextId,
    String version,
    String cloudClientId) {

  public Component {
    Objects.requireNonNull(componentType, "componentType");
    Objects.requireNonNull(componentInstanceId, "componentInstanceId");
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(version, "version");
    cloudClientId = cloudClientId == null ? "" : cloudClientId;
  }

  /** The same component with other ids (the server stores re-keyed ones). */
  public Component withIds(String newInstanceId, String newContextId) {
    return new Component(componentType, newInstanceId, newContextId, version, cloudClientId);
  }
}
