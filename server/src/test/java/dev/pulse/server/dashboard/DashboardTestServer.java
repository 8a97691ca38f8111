package dev.pulse.server.dashboard;

import dev.pulse.server.http.ClientLimits;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.analytics.api.AnalyticsRoutes;
import dev.pulse.server.auth.AuthThrottle;
import dev.pulse.server.http.HttpApp;
import dev.pulse.server.imports.ImportRoutes;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.ServerServices;
import dev.pulse.server.web.TrustedProxies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real HTTP server on a random port: the dashboard, the real analytics API over a DuckDB store in
 * a temp dir holding a given data set, the /api/ auth filter wired the way the production server
 * must wire it (a session cookie for reads, else the bearer token), and the first run wired as the
 * server wires it (until the store holds a component event).
 */
final class DashboardTestServer implements AutoCloseable {

  static final String ADMIN_TOKEN = "pulse-test-admin-token-6f1d0c";

  private final Path dataDir;
  private final DuckDbEventStore store;
  private final Javalin app;
  private final SessionStore sessions = SessionStore.create();

  private DashboardTestServer(Path dataDir, Consumer<EventStore> loader, Clock clock) {
    this.dataDir = dataDir;
    store = DuckDbEventStore.open(dataDir);
    loader.accept(store);
    app = Javalin.create(HttpApp::readBodiesWithoutThreads);
    app.before("/api/*", SessionAuth.orElse(sessions, DashboardTestServer::requireBearer));
    ServerServices services = new ServerServices(store, null, null, dataDir);
    AnalyticsSource source = DuckDbAnalyticsSource.rollups(store);
    new DashboardRoutes(sessions, DashboardTestServer::tokenMatches, AuthThrottle.create(), TrustedProxies.NONE,
        FirstRun.over(source, clock), clock, BasePath.ROOT).register(app, services);
    new AnalyticsRoutes(Analytics.create(source), clock).register(app, services);
    new ImportRoutes(ClientLimits.defaults().idleTimeout()).register(app, services);
  }

  static DashboardTestServer start(RecordBatch data) {
    return start(store -> store.append(data));
  }

  /** A server whose store {@code loader} fills first. */
  static DashboardTestServer start(Consumer<EventStore> loader) {
    return start(loader, Clock.systemUTC());
  }

  /** A server whose store {@code loader} fills first, and whose today is {@code clock}'s. */
  static DashboardTestServer start(Consumer<EventStore> loader, Clock clock) {
    try {
      DashboardTestServer server =
          new DashboardTestServer(Files.createTempDirectory("pulse-dashboard-"), loader, clock);
      server.app.start("127.0.0.1", 0);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL; "localhost" because browsers keep Secure cookies over plain HTTP only there. */
  String url(String path) {
    return url("localhost", path);
  }

  /** The URL of {@code path} under another host name (one the browser maps to 127.0.0.1). */
  String url(String host, String path) {
    return "http://" + host + ":" + app.port() + path;
  }

  /** Stores {@code data}, as ingestion would. */
  void append(RecordBatch data) {
    store.append(data);
  }

  SessionStore sessions() {
    return sessions;
  }

  static boolean tokenMatches(String token) {
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8));
  }

  // Stands in for the server's BearerAuth.
  private static void requireBearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bearer ") || !tokenMatches(header.substring(7))) {
      throw new UnauthorizedResponse();
    }
  }

  @Override
  public void close() {
    app.stop();
    store.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp dir is harmless.
    }
  }
}
