package dev.pulse.client.context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.pulse.schema.Anonymizer;

/** The standard provider chain: explicit id, then Kubernetes, then the persisted per-user id. */
public final class ContextIds {

  private ContextIds() {}

  /**
   * The chain a component uses.
   *
   * @param explicit an id given by the host (used as is), or null
   * @param kubernetes where the API server is (ignored outside a cluster)
   * @param configDir where the per-user id is kept, or null to use none (a random id per process)
   * @param anonymizer the hash for the kube-system UID and the per-user id
   */
  public static ContextIdChain standard(
      String explicit, KubernetesApi kubernetes, Path configDir, Anonymizer anonymizer) {
    List<ContextIdProvider> providers = new ArrayList<>();
    if (explicit != null && !explicit.isBlank()) {
      providers.add(() -> java.util.Optional.of(explicit));
    }
    providers.add(new KubernetesContextId(kubernetes, anonymizer));
    if (configDir != null) {
      providers.add(new PersistedContextId(configDir, anonymizer));
    }
    return new ContextIdChain(providers, anonymizer);
  }
}
