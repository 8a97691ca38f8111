package dev.pulse.server.alerts;

import static dev.pulse.server.alerts.AlertWatcher.chatText;
import static dev.pulse.server.alerts.AlertWatcher.code;

import dev.pulse.server.analytics.ActiveInstallsRow;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.ErrorGroupRow;
import dev.pulse.server.analytics.NewInstallsRow;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.analytics.VersionShareRow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weekly digest ({@code --alert-weekly-digest}): the last full ISO week (Monday to Sunday, UTC) in
 * one message, for a maintainer's channel: weekly active installs against the week before, new
 * installs, the versions run on Sunday and the errors most installs reported. Due on Mondays from
 * 09:00 to 09:59 UTC.
 */
final class WeeklyDigest {

  /** The hour (UTC) of Monday from which the digest of the week before is due, for one hour. */
  static final int HOUR = 9;
  static final int TOP_VERSIONS = 5;
  static final int TOP_ERRORS = 3;

  private final Analytics analytics;

  WeeklyDigest(Analytics analytics) {
    this.analytics = analytics;
  }

  /** The Monday of the week whose digest is due at {@code now}; empty outside Monday's digest hour. */
  static Optional<LocalDate> dueWeek(Instant now) {
    ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
    if (utc.getDayOfWeek() != DayOfWeek.MONDAY || utc.getHour() != HOUR) {
      return Optional.empty();
    }
    return Optional.of(utc.toLocalDate().minusWeeks(1));
  }

  /** The digest of the week starting on {@code monday}. */
  Map<String, Object> message(LocalDate monday) {
    LocalDate sunday = monday.plusDays(6);
    List<ActiveInstallsRow> active =
        analytics.activeInstalls(AnalyticsQuery.of(monday.minusDays(1), sunday), Breakdown.NONE);
    long weekBefore = active.isEmpty() ? 0 : active.get(0).active7();
    long thisWeek = active.isEmpty() ? 0 : active.get(active.size() - 1).active7();
    long newInstalls = analytics.newInstalls(AnalyticsQuery.of(monday, sunday), Period.WEEK).stream()
        .mapToLong(NewInstallsRow::newInstalls).sum();
    List<VersionShareRow> versions = analytics.versions(AnalyticsQuery.of(sunday, sunday)).stream()
        .sorted(Comparator.comparingLong(VersionShareRow::activeInstalls).reversed()
            .thenComparing(VersionShareRow::version))
        .limit(TOP_VERSIONS).toList();
    List<ErrorGroupRow> errors = analytics.errors(AnalyticsQuery.of(monday, sunday));
    List<ErrorGroupRow> topErrors = errors.stream()
        .sorted(Comparator.comparingLong(ErrorGroupRow::installs).reversed()
            .thenComparing(Comparator.comparingLong(ErrorGroupRow::count).reversed()))
        .limit(TOP_ERRORS).toList();

    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "weekly_digest");
    message.put("text", chatText(text(monday, thisWeek, weekBefore, newInstalls, versions, errors.size(), topErrors)));
    message.put("week", monday.toString());
    message.put("activeInstalls", thisWeek);
    message.put("activeInstallsWeekBefore", weekBefore);
    message.put("newInstalls", newInstalls);
    List<Map<String, Object>> versionFields = new ArrayList<>();
    for (VersionShareRow version : versions) {
      versionFields.add(Map.of("version", version.version(), "activeInstalls", version.activeInstalls(),
          "share", version.share()));
    }
    message.put("versions", versionFields);
    message.put("errors", errors.size());
    List<Map<String, Object>> errorFields = new ArrayList<>();
    for (ErrorGroupRow error : topErrors) {
      errorFields.add(Map.of("fingerprint", error.fingerprint(), "errorClass", error.errorClass(),
          "message", error.message(), "installs", error.installs(), "count", error.count()));
    }
    message.put("topErrors", errorFields);
    return message;
  }

  private static String text(LocalDate monday, long thisWeek, long weekBefore, long newInstalls,
      List<VersionShareRow> versions, int errorCount, List<ErrorGroupRow> topErrors) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "Week of %s: %,d active installs (%s on the week before), %,d new.", monday, thisWeek,
        signed(thisWeek - weekBefore), newInstalls));
    if (!versions.isEmpty()) {
      text.append(" Versions on Sunday:");
      for (int i = 0; i < versions.size(); i++) {
        VersionShareRow version = versions.get(i);
        text.append(i == 0 ? " " : ", ").append(code(version.version()))
            .append(String.format(Locale.ROOT, " %.0f%%", version.share() * 100));
      }
      text.append('.');
    }
    if (errorCount == 0) {
      text.append(" No errors reported.");
    } else {
      text.append(String.format(Locale.ROOT, " %,d error%s reported; most installs:", errorCount,
          errorCount == 1 ? "" : "s"));
      for (int i = 0; i < topErrors.size(); i++) {
        ErrorGroupRow error = topErrors.get(i);
        text.append(i == 0 ? " " : ", ").append(code(error.errorClass())).append(' ').append(code(error.message()))
            .append(String.format(Locale.ROOT, " (%,d)", error.installs()));
      }
      text.append('.');
    }
    return text.toString();
  }

  private static String signed(long change) {
    return String.format(Locale.ROOT, change >= 0 ? "+%,d" : "%,d", change);
  }
}
