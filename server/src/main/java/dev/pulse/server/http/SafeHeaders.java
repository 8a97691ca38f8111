package dev.pulse.server.http;

import io.javalin.Javalin;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;

/**
 * Headers on every answer, errors included: {@code X-Content-Type-Options: nosniff} everywhere, and
 * {@code Cache-Control: no-store} on everything but the dashboard's static assets, so that no proxy
 * or browser keeps an API answer (analytics, export, errors) after the fact; over the server's own TLS,
 * {@code Strict-Transport-Security} for a year (not for {@code localhost} or an address). The static file handler
 * (the documentation under {@code /docs/}) and the public statistics set their own afterwards.
 */
final class SafeHeaders {

  static final String NOSNIFF_HEADER = "X-Content-Type-Options";
  static final String NOSNIFF = "nosniff";
  static final String CACHE_HEADER = "Cache-Control";
  static final String NO_STORE = "no-store";

  static final String HSTS_HEADER = "Strict-Transport-Security";
  /** A year: browsers that reached the server over its own TLS never try plain HTTP to that name again. */
  static final String HSTS = "max-age=31536000";

  private SafeHeaders() {}

  /**
   * A name HSTS would be wrong for: {@code localhost} (a browser would then refuse plain HTTP to every
   * other program on the machine, whatever its port) and address literals, which browsers ignore it for.
   */
  static boolean isLocalName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    // No top-level domain is numeric: a name ending in a digit is an IPv4 address (or has no domain).
    return name.isEmpty() || name.equals("localhost") || name.endsWith(".localhost") || name.indexOf(':') >= 0
        || Character.isDigit(name.charAt(name.length() - 1));
  }

  /** Adds the headers in a before-handler, ahead of every other one the app gets later. */
  static void addTo(Javalin app) {
    app.before(
        ctx -> {
          ctx.header(NOSNIFF_HEADER, NOSNIFF);
          if (ctx.req().isSecure() && !isLocalName(ctx.req().getServerName())) {
            ctx.header(HSTS_HEADER, HSTS);
          }
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
