package dev.pulse.server.http;

import io.javalin.Javalin;
import org.eclipse.jetty.http.HttpFields;

/**
 * Headers on every answer, errors included: {@code X-Content-Type-Options: nosniff} everywhere, and
 * {@code Cache-Control: no-store} on everything but the dashboard's static assets, so that no proxy
 * or browser keeps an API answer (analytics, export, errors) after the fact. The static file handler
 * (the documentation under {@code /docs/}) and the public statistics set their own afterwards.
 */
final class SafeHeaders {

  static final String NOSNIFF_HEADER = "X-Content-Type-Options";
  static final String NOSNIFF = "nosniff";
  static final String CACHE_HEADER = "Cache-Control";
  static final String NO_STORE = "no-store";

  private SafeHeaders() {}

  /** Adds the headers in a before-handler, ahead of every other one the app gets later. */
  static void addTo(Javalin app) {
    app.before(
        ctx -> {
          ctx.header(NOSNIFF_HEADER, NOSNIFF);
          String path = ctx.path();
          if (!path.startsWith("/dashboard/") && !path.startsWith("/webjars/")) {
            ctx.header(CACHE_HEADER, NO_STORE);
          }
        });
  }

  /** Adds both headers to an answer Jetty gives itself, before any route ({@link ProtocolErrors}). */
  static void addTo(HttpFields.Mutable fields) {
    fields.put(NOSNIFF_HEADER, NOSNIFF);
    fields.put(CACHE_HEADER, NO_STORE);
  }
}
