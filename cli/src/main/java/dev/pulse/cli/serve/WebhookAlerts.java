package dev.pulse.cli.serve;

import dev.pulse.client.http.ProxyChoice;
import dev.pulse.server.alerts.AlertSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The alerts of {@code pulse serve}'s alert settings ({@code --alert-webhook}, {@code --alert-error-rate},
 * {@code --alert-weekly-digest}): their settings for the server, posted through the proxy the SDK would
 * choose, and how they reach the webhook, for the banner.
 *
 * @param settings the alerts' settings, for the server's config
 * @param route how alerts reach their webhook (its host only, and the proxy), for the banner
 */
record WebhookAlerts(AlertSettings settings, List<String> route) {

  /**
   * The alerts posted to {@code webhook}, or null when it is not given (alerts off).
   *
   * @throws IllegalArgumentException when an error rate or the digest is given without a webhook (the
   *     message names the setting by its key, for the caller to name it by where it was given)
   */
  static WebhookAlerts of(String webhook, Double errorRate, boolean weeklyDigest) {
    if (errorRate != null && !(errorRate > 0 && errorRate <= 1)) { // wrong with a webhook or without: told first
      throw new IllegalArgumentException("alert-error-rate must be above 0 and at most 1, got " + errorRate);
    }
    if (webhook == null || webhook.isBlank()) {
      if (errorRate != null || weeklyDigest) {
        // Keys first, named below by where each was given: a flag, PULSE_..., or the config file.
        throw new IllegalArgumentException((errorRate != null ? "alert-error-rate" : "alert-weekly-digest")
            + " needs an alert webhook (--alert-webhook or PULSE_ALERT_WEBHOOK): where should the alerts go?");
      }
      return null;
    }
    URI uri = URI.create(webhook.strip());
    // The SDK's proxy choice: the JVM's proxy properties, else HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
    ProxyChoice proxy = ProxyChoice.resolve(System.getProperties(), System.getenv());
    AlertSettings alerts = AlertSettings.of(uri,
        errorRate == null ? OptionalDouble.empty() : OptionalDouble.of(errorRate))
        .withProxy(proxy, proxy.authenticator());
    // The host only: a chat webhook's path is its secret.
    List<String> route = new ArrayList<>(List.of("alerts: posted to " + uri.getHost() + ", " + proxy.describe(uri)));
    proxy.notices().forEach(notice -> route.add("alerts: " + notice));
    return new WebhookAlerts(weeklyDigest ? alerts.withWeeklyDigest() : alerts, route);
  }
}
