package dev.pulse.server.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is done once per deployment, however many servers share its store: the first server to claim
 * a key does it ("post the alert for this new error"), every later claim of the key, from any server,
 * is refused. A claim is for good: it is not given back when the claimant fails to do the work.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface Claims {

  /**
   * Claims {@code key}: true for the first claim in the deployment, false for every later one.
   *
   * @throws StoreException when the store cannot say (then nothing is claimed)
   */
  boolean claim(String key);

  /** Claims kept by this process alone: the deployment of a store only one process opens. */
  static Claims inMemory() {
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    return claimed::add;
  }
}
