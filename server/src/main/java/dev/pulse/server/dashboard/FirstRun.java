package dev.pulse.server.dashboard;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whether the server is on its first run: no component has reported yet, so the dashboard shows how
 * to point one at it instead of a wall of zeros. Asked on every page load until data is seen; from
 * then on the answer is kept, so a populated server pays nothing for it.
 */
public final class FirstRun {

  private static final FirstRun NEVER = new FirstRun(() -> true);

  private final BooleanSupplier hasData;
  private volatile boolean dataSeen;

  private FirstRun(BooleanSupplier hasData) {
    this.hasData = Objects.requireNonNull(hasData, "hasData");
  }

  /**
   * A first run that lasts until {@code hasData} says the store holds a component event.
   *
   * @param hasData asked on page loads while no data has been seen; a failure counts as "has data",
   *     so a store that cannot answer shows the pages (and their own error) rather than the panel
   */
  public static FirstRun untilData(BooleanSupplier hasData) {
    return new FirstRun(hasData);
  }

  /** Never a first run, e.g. for a store without analytics. */
  public static FirstRun never() {
    return NEVER;
  }

  /** True while no component event has been stored. */
  boolean isFirstRun() {
    if (dataSeen) {
      return false;
    }
    boolean seen;
    try {
      seen = hasData.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
    dataSeen = seen;
    return !seen;
  }
}
