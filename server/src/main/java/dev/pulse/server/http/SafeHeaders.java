package dev.pulse.server.http;

import io.javalin.Javalin;

/**
 * Headers on every answer, errors included: {@code X-Content-Type-Options: nosniff} everywhere, and
 * {@code Cache-Control: no-store} on everything but the dashboard's static assets, so that no proxy
 * or browser keeps an API answer (analytics, export, errors) after the fact.
 */
final class SafeHeaders {

  private SafeHeaders() {}

  /** Adds the headers in a before-handler, ahead of every other one the app gets later. */
  static void addTo(Javalin app) {
    app.before(
        ctx -> {
          ctx.header("X-Content-Type-Options", "nosniff");
          String path = ctx.path();
          if (!path.startsWith("/dashboard/") && !path.startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
          }
        });
  }
}
