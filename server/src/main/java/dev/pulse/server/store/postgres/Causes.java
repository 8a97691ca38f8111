package dev.pulse.server.store.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A failure's cause chain, read from the failure itself down, as the driver and the pool wrap it; a
 * chain that loops back is read once. Read only on failures.
 */
final class Causes {

  private Causes() {}

  /** {@code failure} or the first of its causes that is such; null when none is. */
  static Throwable first(Throwable failure, Predicate<Throwable> such) {
    return chain(failure).stream().filter(such).findFirst().orElse(null);
  }

  /** The last of {@code failure} and its causes that is such, the nearest to where it began; null when none is. */
  static Throwable deepest(Throwable failure, Predicate<Throwable> such) {
    List<Throwable> matching = chain(failure).stream().filter(such).toList();
    return matching.isEmpty() ? null : matching.get(matching.size() - 1);
  }

  /** {@code failure} or the first of its causes of {@code type}; null when none is. */
  static <T extends Throwable> T first(Throwable failure, Class<T> type) {
    return type.cast(first(failure, type::isInstance));
  }

  /** Whether {@code failure} or one of its causes is such. */
  static boolean any(Throwable failure, Predicate<Throwable> such) {
    return first(failure, such) != null;
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
