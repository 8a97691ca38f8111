package dev.pulse.server.http;

import dev.pulse.server.web.HttpProblem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.server.Request;

/**
 * On a server with its own TLS, a plain-HTTP request to its port (a browser given {@code http://}, a
 * component's api-address with the wrong scheme) is told where to go instead of having its connection
 * dropped: a page read is redirected to the same URL with {@code https://} (308), anything else is a
 * 400 that names the address to use. A read of the API, or any request with credentials, is "anything
 * else": a client that follows redirects would otherwise go on sending its token in clear on every call. Nothing is served over plain HTTP but liveness and readiness,
 * which say nothing but "up" and are what probes and the image's HEALTHCHECK ask without TLS.
 */
final class HttpsOnly {

  static final String CODE = "HTTPS_REQUIRED";

  private HttpsOnly() {}

  static void register(Javalin app) {
    app.before(HttpsOnly::check);
  }

  private static void check(Context ctx) {
    if (ctx.req().isSecure() || ctx.path().equals("/healthz") || ctx.path().equals("/readyz")) {
      return;
    }
    // The target as the client sent it, base path included (BasePathHandler strips it for routing).
    String sent = Request.getBaseRequest(ctx.req()).getOriginalURI();
    String target = sent.startsWith("http://") ? "https://" + sent.substring("http://".length())
        : "https://" + (ctx.host() == null ? "this-server" : ctx.host()) + sent;
    boolean read = ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
    if (read && ctx.header("Authorization") == null && !ctx.path().startsWith("/api/")) {
      ctx.status(308).header("Location", target);
      ctx.skipRemainingHandlers();
      return;
    }
    throw new HttpProblem(400, CODE, "this server takes HTTPS only: send the request to " + target);
  }
}
