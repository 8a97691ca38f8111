package dev.pulse.server.dashboard;

import dev.pulse.server.web.BasePath;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a sign-in leads: the page that was asked for without a session, carried as {@code
 * /login?next=<path and query>} and in the form's hidden {@code next} field. Only a path of this
 * server under its base path is followed; anything else (another site, a scheme, a backslash, a
 * line break) leads to the overview, so the sign-in page cannot be used to send a user elsewhere.
 */
final class SignInTarget {

  /** The longest {@code next} followed: longer ones go to the overview. */
  static final int MAX_LENGTH = 2048;

  private SignInTarget() {}

  /** The sign-in page's address for a request that needs a session, with the request's page as {@code next}. */
  static String signInFor(Context ctx, BasePath base) {
    String query = ctx.queryString();
    // The public path: under the base path whether the proxy passed it on or stripped it.
    String page = base.of(ctx.path()) + (query == null || query.isEmpty() ? "" : "?" + query);
    // The overview needs no next: a sign-in leads there anyway.
    String next = page.equals(base.of("/")) ? null : followed(page, base);
    return base.of("/login") + (next == null ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
  }

  /** {@code next} when it is safe to redirect to, else the overview. */
  static String orOverview(String next, BasePath base) {
    String safe = followed(next, base);
    return safe == null ? base.of("/") : safe;
  }

  /** {@code next} when it is a path of this server under {@code base}; null otherwise. */
  static String followed(String next, BasePath base) {
    if (next == null || next.length() > MAX_LENGTH || !next.startsWith(base.of("/")) || next.startsWith("//")) {
      return null;
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      // Printable ASCII but the backslash, which browsers read as a slash ("/\evil" is "//evil").
      if (c < 0x21 || c > 0x7e || c == '\\') {
        return null;
      }
    }
    return next;
  }
}
