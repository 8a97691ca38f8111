package dev.pulse.client.context;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.pulse.schema.Anonymizer;

/**
 * Asks providers in order and takes the first answer; when none answers, an anonymized random id for
 * this process (so a component always has a contextId). Thread-safe if its providers are.
 */
public final class ContextIdChain implements ContextIdProvider {

  private static final System.Logger LOG = System.getLogger(ContextIdChain.class.getName());

  private final List<ContextIdProvider> providers;
  private final Anonymizer anonymizer;

  /** A chain of these providers, asked in order. */
  public ContextIdChain(List<ContextIdProvider> providers, Anonymizer anonymizer) {
    this.providers = List.copyOf(providers);
    this.anonymizer = anonymizer;
  }

  @Override
  public Optional<String> contextId() {
    return Optional.of(resolve());
  }

  /** The first provider's answer, or an anonymized random id. Never throws. */
  public String resolve() {
    for (ContextIdProvider provider : providers) {
      try {
        Optional<String> id = provider.contextId();
        if (id.isPresent() && !id.get().isBlank()) {
          return id.get();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "contextId provider " + provider.getClass().getSimpleName() + " failed", e);
      }
    }
    return anonymizer.anonymize(UUID.randomUUID().toString());
  }
}
