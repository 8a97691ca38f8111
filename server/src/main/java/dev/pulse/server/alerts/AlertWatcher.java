package dev.pulse.server.alerts;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.ErrorGroupRow;
import dev.pulse.server.analytics.ErrorVersionRow;
import dev.pulse.server.store.Claims;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks, every interval, for what to alert ({@code docs/operations.md}, "Alerts"): an error fingerprint
 * never seen before, and, with a threshold, a version on which the share of active installs reporting
 * one error over the last 7 days exceeds it. Each is posted once per deployment: the server that
 * {@linkplain Claims#claim claims} it posts it, so several servers on one database post it once. The
 * fingerprints already stored when the server starts are known, so a restart alerts nothing old. With the weekly
 * digest on, the first look in Monday's digest hour posts the week before ({@link WeeklyDigest}).
 */
public final class AlertWatcher implements AutoCloseable {

  /** How many of the most reported fingerprints are checked for their rate per run. */
  static final int RATE_CHECKS = 50;

  /** The days looked at: the last 7, like the dashboard's default week. */
  static final int WINDOW_DAYS = 7;

  private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);

  private final Analytics analytics;
  private final AlertSettings settings;
  private final Clock clock;
  private final WebhookSender sender;
  private final Set<String> knownFingerprints = new HashSet<>();
  private final Set<String> alertedRates = new HashSet<>();
  private final Claims claims;
  private final WeeklyDigest digest;
  private final Set<String> digestsSeen = new HashSet<>();
  private ScheduledExecutorService schedule;

  AlertWatcher(Analytics analytics, AlertSettings settings, Clock clock, Claims claims, MeterRegistry meters) {
    this.analytics = analytics;
    this.claims = claims;
    this.settings = settings;
    this.clock = clock;
    this.sender = new WebhookSender(settings, meters);
    this.digest = new WeeklyDigest(analytics);
    for (ErrorGroupRow group : groups(AnalyticsQuery.MAX_RANGE_DAYS)) {
      knownFingerprints.add(group.fingerprint());
    }
  }

  /** Starts watching: a first look after one interval, then every interval. */
  public static AlertWatcher start(
      Analytics analytics, AlertSettings settings, Clock clock, Claims claims, MeterRegistry meters) {
    AlertWatcher watcher = new AlertWatcher(analytics, settings, clock, claims, meters);
    watcher.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "pulse-alerts");
      thread.setDaemon(true);
      return thread;
    });
    long every = settings.interval().toMillis();
    watcher.schedule.scheduleWithFixedDelay(watcher::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    return watcher;
  }

  /** Looks once; returns how many alerts were queued. */
  synchronized int check() {
    int alerts = 0;
    List<ErrorGroupRow> recent = groups(WINDOW_DAYS);
    for (ErrorGroupRow group : recent) {
      if (firstToClaim(knownFingerprints, group.fingerprint(), "new_error " + group.fingerprint())) {
        alerts += sender.send(newError(group)) ? 1 : 0;
      }
    }
    if (settings.errorRate().isPresent()) {
      double threshold = settings.errorRate().getAsDouble();
      for (ErrorGroupRow group : recent.subList(0, Math.min(RATE_CHECKS, recent.size()))) {
        for (ErrorVersionRow version : analytics.errorVersions(window(WINDOW_DAYS), group.fingerprint())
            .orElse(List.of())) {
          String key = group.fingerprint() + " " + version.version();
          if (version.rate() > threshold && firstToClaim(alertedRates, key, "error_rate " + key)) {
            alerts += sender.send(rate(group, version, threshold)) ? 1 : 0;
          }
        }
      }
    }
    Optional<LocalDate> week = WeeklyDigest.dueWeek(clock.instant());
    if (settings.weeklyDigest() && week.isPresent()
        && firstToClaim(digestsSeen, week.get().toString(), "weekly_digest " + week.get())) {
      alerts += sender.send(digest.message(week.get())) ? 1 : 0;
    }
    return alerts;
  }

  /**
   * Whether this server is to post what {@code claimKey} names: the first time it sees {@code seenKey}
   * (in {@code seen}), and the first in the deployment to claim it. When the claim cannot be made (the
   * store is down), the key stays unseen, to be tried at the next look.
   */
  private boolean firstToClaim(Set<String> seen, String seenKey, String claimKey) {
    if (seen.contains(seenKey)) {
      return false;
    }
    boolean mine = claims.claim(claimKey);
    seen.add(seenKey);
    return mine;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("looking for alerts failed; trying again in {} s: {}", settings.interval().toSeconds(), e.getMessage());
    }
  }

  private List<ErrorGroupRow> groups(int days) {
    return analytics.errors(window(days));
  }

  private AnalyticsQuery window(int days) {
    LocalDate today = LocalDate.now(clock);
    return AnalyticsQuery.of(today.minusDays(days - 1L), today);
  }

  /**
   * The text for a chat's incoming webhook, with {@code & < >} escaped as Slack asks: what a client
   * sent (an error message such as {@code <!channel>} or {@code <http://...|click>}) shows as text
   * instead of notifying the channel or becoming a link. The other fields keep the text as stored.
   */
  static String chatText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * A client's text as one inline code span, so that Mattermost, which reads Markdown, shows it as
   * it is: no {@code @channel} mention, no link, no image fetched by every reader's client. A
   * backtick would end the span and a blank line the paragraph, so they become {@code '} and spaces.
   */
  static String code(String clientText) {
    String flat = clientText.replace('`', '\'').replace('\r', ' ').replace('\n', ' ');
    return flat.isBlank() ? "(none)" : "`" + flat + "`";
  }

  private static Map<String, Object> newError(ErrorGroupRow group) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "new_error");
    message.put("text", chatText("New error " + code(group.errorClass()) + ": " + code(group.message()) + " ("
        + group.installs() + " installs, versions " + code(group.versions()) + ")"));
    message.put("fingerprint", group.fingerprint());
    message.put("errorClass", group.errorClass());
    message.put("message", group.message());
    message.put("versions", group.versions());
    message.put("installs", group.installs());
    message.put("firstSeen", group.firstSeen().toString());
    return message;
  }

  private static Map<String, Object> rate(ErrorGroupRow group, ErrorVersionRow version, double threshold) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "error_rate");
    message.put("text", chatText(String.format(java.util.Locale.ROOT,
        "%s on %s: %d of %d installs (%.1f%%, above %.1f%%)", code(group.errorClass()), code(version.version()),
        version.installs(), version.activeInstalls(), version.rate() * 100, threshold * 100)));
    message.put("fingerprint", group.fingerprint());
    message.put("version", version.version());
    message.put("installs", version.installs());
    message.put("activeInstalls", version.activeInstalls());
    message.put("rate", version.rate());
    message.put("threshold", threshold);
    return message;
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
    sender.close();
  }
}
