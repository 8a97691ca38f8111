package dev.pulse.server.dashboard;

import dev.pulse.server.store.RecordBatch;
import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A real HTTP server on a random port with the dashboard, an analytics API over a known data set,
 * and the /api/ auth filter wired the way the production server must wire it.
 */
final class DashboardTestServer implements AutoCloseable {

  static final String ADMIN_TOKEN = "pulse-test-admin-token-6f1d0c";

  private final Javalin app;
  private final SessionStore sessions = SessionStore.create();

  private DashboardTestServer(RecordBatch data) {
    app = Javalin.create(DashboardRoutes::configure);
    app.before(
        "/api/*",
        ctx -> {
          if (!bearerMatches(ctx.header("Authorization")) && !SessionAuth.isAuthenticated(ctx, sessions)) {
            throw new UnauthorizedResponse();
          }
        });
    DashboardRoutes.register(app, sessions, DashboardTestServer::tokenMatches);
    FakeAnalyticsApi.register(app, data);
  }

  static DashboardTestServer start(RecordBatch data) {
    DashboardTestServer server = new DashboardTestServer(data);
    server.app.start("127.0.0.1", 0);
    return server;
  }

  /** The base URL; "localhost" because browsers keep Secure cookies over plain HTTP only there. */
  String url(String path) {
    return "http://localhost:" + app.port() + path;
  }

  SessionStore sessions() {
    return sessions;
  }

  static boolean tokenMatches(String token) {
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean bearerMatches(String header) {
    return header != null && header.startsWith("Bearer ") && tokenMatches(header.substring(7));
  }

  @Override
  public void close() {
    app.stop();
  }
}
