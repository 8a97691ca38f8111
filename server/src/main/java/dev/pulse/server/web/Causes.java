package dev.pulse.server.web;

/** Looks through a failure's cause chain, as far as a bounded depth (a cycle cannot loop). */
public final class Causes {

  private static final int MAX_DEPTH = 16;

  private Causes() {}

  /** The first throwable of {@code type} in the chain from {@code e}, or null. */
  public static <T extends Throwable> T find(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
