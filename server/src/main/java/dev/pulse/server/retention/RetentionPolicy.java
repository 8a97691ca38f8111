package dev.pulse.server.retention;

import dev.pulse.server.store.RecordKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How long each kind of raw record is kept, in whole days: {@value #DEFAULT_DAYS} days for every
 * kind unless set. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class RetentionPolicy {

  /** The default retention of every kind, in days. */
  public static final int DEFAULT_DAYS = 90;

  /** The longest retention accepted, in days (a century: beyond it, delete data by hand). */
  public static final int MAX_DAYS = 36_500;

  private static final RetentionPolicy DEFAULTS = builder().build();

  private final Map<RecordKind, Integer> days;

  private RetentionPolicy(Map<RecordKind, Integer> days) {
    this.days = new EnumMap<>(days);
  }

  /** {@value #DEFAULT_DAYS} days for every kind. */
  public static RetentionPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The policy from settings named {@code PULSE_RETENTION_EVENTS_DAYS}, {@code
   * PULSE_RETENTION_CLI_COMMANDS_DAYS} and {@code PULSE_RETENTION_ERRORS_DAYS} (see {@link
   * #settingName}); absent or blank settings keep the default.
   *
   * @param settings looks a setting up by name, e.g. {@code System::getenv}; null when absent
   * @throws IllegalArgumentException naming the setting when a value is not a valid day count
   */
  public static RetentionPolicy fromSettings(Function<String, String> settings) {
    Builder builder = builder();
    for (RecordKind kind : RecordKind.values()) {
      String name = settingName(kind);
      String value = settings.apply(name);
      if (value == null || value.isBlank()) {
        continue;
      }
      try {
        builder.days(kind, Integer.parseInt(value.strip()));
      } catch (NumberFormatException e) {
        if (value.strip().matches("[+-]?\\d+")) { // a whole number, past what an int holds: out of range as 0 is
          throw new IllegalArgumentException(name + ": " + outOfRange(kind, value.strip()), e);
        }
        throw new IllegalArgumentException(name + " must be a whole number of days: " + value, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** The setting that holds the retention of a kind, e.g. {@code PULSE_RETENTION_EVENTS_DAYS}. */
  public static String settingName(RecordKind kind) {
    return "PULSE_RETENTION_" + kind.name().toUpperCase(Locale.ROOT) + "_DAYS";
  }

  /** The longest retention of any kind, in days. */
  public int longestDays() {
    int longest = 0;
    for (RecordKind kind : RecordKind.values()) {
      longest = Math.max(longest, days(kind));
    }
    return longest;
  }

  /** The retention of a kind, in days. */
  public int days(RecordKind kind) {
    return days.get(kind);
  }

  /** Records of this kind received before the returned instant are past retention at {@code now}. */
  public Instant cutoff(RecordKind kind, Instant now) {
    return now.minus(Duration.ofDays(days(kind)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetentionPolicy that && days.equals(that.days);
  }

  @Override
  public int hashCode() {
    return days.hashCode();
  }

  @Override
  public String toString() {
    return "RetentionPolicy" + days;
  }

  /** Builds a {@link RetentionPolicy}; each setter checks its value. Not thread-safe. */
  public static final class Builder {

    private final Map<RecordKind, Integer> days = new EnumMap<>(RecordKind.class);

    private Builder() {
      for (RecordKind kind : RecordKind.values()) {
        days.put(kind, DEFAULT_DAYS);
      }
    }

    /** Keeps records of {@code kind} for {@code days} days (1 to {@value #MAX_DAYS}). */
    public Builder days(RecordKind kind, int days) {
      Objects.requireNonNull(kind, "kind");
      if (days < 1 || days > MAX_DAYS) {
        throw new IllegalArgumentException(outOfRange(kind, Integer.toString(days)));
      }
      this.days.put(kind, days);
      return this;
    }

    public RetentionPolicy build() {
      return new RetentionPolicy(days);
    }
  }

  private static String outOfRange(RecordKind kind, String days) {
    return "retention of " + kind.plural() + " must be from 1 to " + MAX_DAYS + " days, not " + days;
  }
}
