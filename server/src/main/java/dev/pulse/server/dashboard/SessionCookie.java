package dev.pulse.server.dashboard;

import dev.pulse.server.web.BasePath;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;

/**
 * The dashboard's session cookie: {@code HttpOnly; SameSite=Strict; Path=/} (or the base path, so a
 * host shared with other applications never sends it to them), and {@code Secure} when the sign-in
 * came over HTTPS.
 *
 * <p>HTTPS means the request reached Pulse over TLS, or through a proxy that says it took it over
 * TLS ({@code X-Forwarded-Proto: https}). The header is trusted without a list of proxies because
 * it can only add the Secure flag: a forged one makes a plain-HTTP browser drop the cookie, which
 * hurts only the forger. Over plain HTTP the cookie cannot be Secure, or browsers (except on
 * {@code localhost}) would drop it and sign-in would loop back to {@code /login}; the sign-in page
 * then warns that the token travels unencrypted.
 *
 * <p>HttpOnly keeps it from page scripts; SameSite=Strict keeps it off requests that other sites
 * start, which is what makes a session cookie safe to accept on the API without a CSRF token.
 */
final class SessionCookie {

  static final String NAME = "pulse_session";

  private SessionCookie() {}

  static String read(Context ctx) {
    return ctx.cookie(NAME);
  }

  // Written by hand: the header is short and every attribute is visible in one place.
  static void set(Context ctx, String sessionId, Duration ttl, BasePath base) {
    ctx.header(
        "Set-Cookie",
        NAME + "=" + sessionId + "; Path=" + base.of("/") + "; Max-Age=" + ttl.toSeconds() + attributes(ctx));
  }

  static void clear(Context ctx, BasePath base) {
    ctx.header("Set-Cookie", NAME + "=; Path=" + base.of("/") + "; Max-Age=0" + attributes(ctx));
  }

  /** Whether the browser reached us over HTTPS, directly or through a proxy that says so. */
  static boolean overHttps(Context ctx) {
    if (ctx.req().isSecure()) {
      return true;
    }
    String forwarded = ctx.header("X-Forwarded-Proto");
    if (forwarded == null) {
      return false;
    }
    // A chain of proxies appends: the first value is the one the browser used.
    int comma = forwarded.indexOf(',');
    String first = comma < 0 ? forwarded : forwarded.substring(0, comma);
    return first.strip().toLowerCase(Locale.ROOT).equals("https");
  }

  private static String attributes(Context ctx) {
    return (overHttps(ctx) ? "; Secure" : "") + "; HttpOnly; SameSite=Strict";
  }
}
