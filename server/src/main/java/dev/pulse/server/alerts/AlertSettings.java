package dev.pulse.server.alerts;

import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Webhook alerts, opt-in ({@code --alert-webhook}): where to post, the error-rate threshold, and how
 * often to look.
 *
 * @param webhook an http or https URL that takes a JSON POST (a Slack or Mattermost incoming webhook
 *     works: every message has a {@code text})
 * @param errorRate alert when the share of a version's active installs reporting one error exceeds
 *     this (0..1) over the last 7 days; empty: only new errors are alerted
 * @param interval how often the server looks for something to alert
 * @param retryPause the pause before the first retry of a failed post (then 5x, twice)
 * @param weeklyDigest whether a digest of the last week goes out on Mondays ({@link WeeklyDigest})
 * @param proxy how posts find their proxy; empty: the JVM's default selector (its proxy properties)
 * @param proxyAuthenticator the credentials the proxy asks for, if any
 */
public record AlertSettings(
    URI webhook, OptionalDouble errorRate, Duration interval, Duration retryPause, boolean weeklyDigest,
    Optional<ProxySelector> proxy, Optional<Authenticator> proxyAuthenticator) {

  /** The default interval: one minute, the rollups' refresh. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public AlertSettings {
    Objects.requireNonNull(webhook, "webhook");
    String scheme = webhook.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || webhook.getHost() == null) {
      throw new IllegalArgumentException("alert-webhook must be an http:// or https:// URL, got " + webhook);
    }
    Objects.requireNonNull(errorRate, "errorRate");
    if (errorRate.isPresent() && !(errorRate.getAsDouble() > 0 && errorRate.getAsDouble() <= 1)) {
      throw new IllegalArgumentException(
          "alert-error-rate must be above 0 and at most 1, got " + errorRate.getAsDouble());
    }
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(proxyAuthenticator, "proxyAuthenticator");
    if (interval.isNegative() || interval.isZero() || retryPause.isNegative()) {
      throw new IllegalArgumentException("alert intervals must be positive");
    }
  }

  /** Alerts to {@code webhook} for new errors and, when given, error rates above {@code errorRate}. */
  public static AlertSettings of(URI webhook, OptionalDouble errorRate) {
    return new AlertSettings(webhook, errorRate, DEFAULT_INTERVAL, Duration.ofSeconds(2), false,
        Optional.empty(), Optional.empty());
  }

  /** The same settings, with the weekly digest on. */
  public AlertSettings withWeeklyDigest() {
    return new AlertSettings(webhook, errorRate, interval, retryPause, true, proxy, proxyAuthenticator);
  }

  /**
   * The same settings, posting through the proxy {@code selector} names (the command line passes the
   * SDK's choice: the JVM's proxy properties, else {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}).
   */
  public AlertSettings withProxy(ProxySelector selector, Optional<Authenticator> authenticator) {
    return new AlertSettings(webhook, errorRate, interval, retryPause, weeklyDigest, Optional.of(selector),
        authenticator);
  }
}
