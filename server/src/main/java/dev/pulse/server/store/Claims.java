package dev.pulse.server.store;

/**
 * What is done once per deployment, however many servers share its store: the first server to claim
 * a key does it ("post the alert for this new error"), every later claim of the key, from any server,
 * is refused. A claim is for good: it is not given back when the claimant fails to do the work. A
 * value is claimed the same way: the first claim sets it, every later one reads it.
 *
 * <p>Implementations are thread-safe.
 */
public interface Claims {

  /**
   * Claims {@code key}: true for the first claim in the deployment, false for every later one.
   *
   * @throws StoreException when the store cannot say (then nothing is claimed)
   */
  boolean claim(String key);

  /**
   * The value of {@code key} in the deployment: {@code value} when this is the key's first claim,
   * from any server or tool, else the value the first claim set.
   *
   * @throws StoreException when the store cannot say (then nothing is claimed)
   */
  String claimValue(String key, String value);
}
