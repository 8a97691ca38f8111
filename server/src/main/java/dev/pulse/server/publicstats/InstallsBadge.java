package dev.pulse.server.publicstats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly active installs as a Shields.io endpoint badge ({@code schemaVersion}, {@code label},
 * {@code message}, {@code color}), so a README can show "active installs | 1.2k" through {@code
 * https://img.shields.io/endpoint?url=...}. It says what the public installs answer says on its last
 * day, under the same k-anonymity: a count under k is shown as "fewer than k", never as a number.
 */
final class InstallsBadge {

  static final String LABEL = "active installs";

  private InstallsBadge() {}

  /** The badge for a {@link PublicStats#installs} answer. */
  static Map<String, Object> of(Map<String, Object> installs) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) installs.get("rows");
    Map<String, Object> badge = new LinkedHashMap<>();
    badge.put("schemaVersion", 1);
    badge.put("label", LABEL);
    if (rows.isEmpty()) {
      badge.put("message", "no data yet");
      badge.put("color", "lightgrey");
    } else if (rows.get(rows.size() - 1).get("weeklyActive") instanceof Long active) {
      badge.put("message", compact(active));
      badge.put("color", "blue");
    } else {
      badge.put("message", "fewer than " + installs.get("minInstalls"));
      badge.put("color", "lightgrey");
    }
    badge.put("cacheSeconds", PublicStats.FRESH_FOR.toSeconds());
    return badge;
  }

  /** 999, 1.2k, 12k, 123k, 1.2M: two or three significant digits, as badges show counts. */
  static String compact(long n) {
    if (n < 1_000) {
      return Long.toString(n);
    }
    if (n >= 1_000_000) {
      return scaled(n, 1_000_000, "M");
    }
    return scaled(n, 1_000, "k");
  }

  // Truncated rather than rounded, so a badge never shows more installs than there are.
  private static String scaled(long n, long unit, String suffix) {
    if (n >= 10 * unit) {
      return n / unit + suffix;
    }
    long tenths = n * 10 / unit;
    return tenths % 10 == 0 ? tenths / 10 + suffix : tenths / 10 + "." + tenths % 10 + suffix;
  }
}
