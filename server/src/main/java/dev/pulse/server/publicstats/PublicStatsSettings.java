package dev.pulse.server.publicstats;

/**
 * The opt-in public statistics ({@code --public-stats}): off unless configured.
 *
 * @param minInstalls k of k-anonymity: a group (a version, a feature) counted from fewer installs is
 *     merged into "other" or left out, and a day with fewer active installs shows no number
 */
public record PublicStatsSettings(int minInstalls) {

  /** The default k. */
  public static final int DEFAULT_MIN_INSTALLS = 10;

  public PublicStatsSettings {
    if (minInstalls < 2) {
      throw new IllegalArgumentException(
          "public-min-installs must be at least 2 (a group of one install is that install), got " + minInstalls);
    }
  }
}
