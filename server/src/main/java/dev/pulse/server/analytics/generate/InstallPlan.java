package dev.pulse.server.analytics.generate;

import dev.pulse.schema.ComponentType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The life of one synthetic install, drawn once from its own random stream: when it appears, whether
 * and when it churns, which components it runs, how fast it upgrades and how big it is.
 */
final class InstallPlan {

  final String contextKey;
  final int firstDay;
  final int lastDay;
  final List<ComponentType> components;
  final boolean upgrades;
  final int upgradeLag;
  final int initialRelease;
  final int size;
  final SplittableRandom random;
  final String[] instanceIds;

  InstallPlan(SplittableRandom random, int days, int[] releaseDays) {
    this.random = random;
    this.contextKey = hex(random, 4);
    // A third were already installed when the period starts; the rest arrive evenly.
    this.firstDay = random.nextDouble() < 0.35 ? 0 : random.nextInt(days);
    // Many installs are tried and dropped within days; the rest stay.
    boolean churns = random.nextDouble() < 0.4;
    int lifetime = churns ? 1 + (int) (-Math.log(1 - random.nextDouble()) * 12) : days;
    this.lastDay = Math.min(days - 1, firstDay + lifetime - 1);
    this.components = components(random);
    this.upgrades = random.nextDouble() < 0.75;
    this.upgradeLag = (int) (-Math.log(1 - random.nextDouble()) * 10);
    int latest = 0;
    for (int r = 0; r < releaseDays.length; r++) {
      if (releaseDays[r] <= firstDay) {
        latest = r;
      }
    }
    this.initialRelease = latest > 0 && random.nextDouble() < 0.3 ? latest - 1 : latest;
    this.size = 1 + (int) Math.exp(random.nextGaussian() * 1.1 + 3); // lognormal, median ~20 services
    this.instanceIds = new String[ComponentType.values().length];
  }

  /** The index of the release this install runs on day {@code day}. */
  int release(int day, int[] releaseDays) {
    int release = initialRelease;
    if (!upgrades) {
      return release;
    }
    for (int r = initialRelease + 1; r < releaseDays.length; r++) {
      if (releaseDays[r] + upgradeLag <= day) {
        release = r;
      }
    }
    return release;
  }

  boolean activeOn(int day) {
    return day >= firstDay && day <= lastDay;
  }

  private static List<ComponentType> components(SplittableRandom random) {
    List<ComponentType> types = new ArrayList<>();
    if (random.nextDouble() < 0.85) {
      types.add(ComponentType.NETWORK_MAPPER);
    }
    if (types.isEmpty() || random.nextDouble() < 0.6) {
      types.add(ComponentType.INTENTS_OPERATOR);
    }
    if (random.nextDouble() < 0.25) {
      types.add(ComponentType.CREDENTIALS_OPERATOR);
    }
    if (random.nextDouble() < 0.15) {
      types.add(ComponentType.NODE_AGENT);
    }
    return types;
  }

  static String hex(SplittableRandom random, int longs) {
    StringBuilder hex = new StringBuilder(longs * 16);
    for (int i = 0; i < longs; i++) {
      String part = Long.toHexString(random.nextLong());
      hex.append("0".repeat(16 - part.length())).append(part);
    }
    return hex.toString();
  }
}
