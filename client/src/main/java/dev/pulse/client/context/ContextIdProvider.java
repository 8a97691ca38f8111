package dev.pulse.client.context;

import java.util.Optional;

/**
 * One way to find the anonymized id of the install context. Implementations never throw: a provider
 * that cannot answer returns empty and the next one in a {@link ContextIdChain} is asked.
 */
@FunctionalInterface
public interface ContextIdProvider {

  /** The contextId, already anonymized, or empty when this provider does not apply here. */
  Optional<String> contextId();
}
