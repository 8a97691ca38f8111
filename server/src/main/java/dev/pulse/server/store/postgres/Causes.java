package dev.pulse.server.store.postgres;

import java.util.function.Predicate;

/** A failure's cause chain, read from the failure itself down, as the driver and the pool wrap it. */
final class Causes {

  private Causes() {}

  /** {@code failure} or the first of its causes that is such; null when none is. */
  static Throwable first(Throwable failure, Predicate<Throwable> such) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (such.test(t)) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** {@code failure} or the first of its causes of {@code type}; null when none is. */
  static <T extends Throwable> T first(Throwable failure, Class<T> type) {
    return type.cast(first(failure, type::isInstance));
  }

  /** Whether {@code failure} or one of its causes is such. */
  static boolean any(Throwable failure, Predicate<Throwable> such) {
    return first(failure, such) != null;
  }
}
