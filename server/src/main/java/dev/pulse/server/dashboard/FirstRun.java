package dev.pulse.server.dashboard;

import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.AnalyticsSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether the dashboard is on its first run: no component has reported yet, so the pages show how
 * to point one at the server instead of a wall of zeros. Two stages: {@link Stage#EMPTY} (no record
 * at all) and {@link Stage#NO_COMPONENT} (CLI or error records, e.g. from {@code pulse send-test},
 * but no component event yet). Asked on every page load until a component event is seen; from then
 * on the answer is kept, so a populated server pays nothing for it.
 */
public final class FirstRun {

  /** Where a server stands on its first run. */
  public enum Stage {
    /** No record at all. */
    EMPTY,
    /** Records (a test event, CLI use, error reports) but no component event yet. */
    NO_COMPONENT,
    /** A component event is stored: not a first run. */
    DONE
  }

  private static final FirstRun NEVER = new FirstRun(() -> true, () -> true);

  private final BooleanSupplier hasComponentEvent;
  private final BooleanSupplier hasAnyRecord;
  private volatile boolean done;

  private FirstRun(BooleanSupplier hasComponentEvent, BooleanSupplier hasAnyRecord) {
    this.hasComponentEvent = Objects.requireNonNull(hasComponentEvent, "hasComponentEvent");
    this.hasAnyRecord = Objects.requireNonNull(hasAnyRecord, "hasAnyRecord");
  }

  /**
   * A first run that lasts until {@code hasComponentEvent}; {@code hasAnyRecord} tells the two stages
   * apart. A failure of either counts as data, so a store that cannot answer shows the pages (and
   * their own error) rather than the panel.
   */
  public static FirstRun until(BooleanSupplier hasComponentEvent, BooleanSupplier hasAnyRecord) {
    return new FirstRun(hasComponentEvent, hasAnyRecord);
  }

  /**
   * The first run of a server whose analytics read {@code source}: a component event is the data's
   * last day; other records are CLI use or error reports of the longest range a query may cover,
   * ending today.
   */
  public static FirstRun over(AnalyticsSource source, Clock clock) {
    return until(
        () -> {
          source.refresh();
          return source.lastDay().isPresent();
        },
        () -> {
          LocalDate today = LocalDate.now(clock);
          AnalyticsQuery recent =
              AnalyticsQuery.of(today.minusDays(AnalyticsQuery.MAX_RANGE_DAYS - 1L), today);
          return !source.cliUsage(recent).isEmpty()
              || !source.errorGroups(recent, Optional.empty()).isEmpty();
        });
  }

  /** Never a first run, e.g. for a store without analytics. */
  public static FirstRun never() {
    return NEVER;
  }

  /** The stage now. */
  Stage stage() {
    if (done) {
      return Stage.DONE;
    }
    try {
      if (hasComponentEvent.getAsBoolean()) {
        done = true;
        return Stage.DONE;
      }
      return hasAnyRecord.getAsBoolean() ? Stage.NO_COMPONENT : Stage.EMPTY;
    } catch (RuntimeException e) {
      return Stage.DONE;
    }
  }
}
