package dev.pulse.server;

import dev.pulse.schema.EventCatalog;
import dev.pulse.server.alerts.AlertWatcher;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.analytics.RollupMaintenance;
import dev.pulse.server.analytics.api.AnalyticsRoutes;
import dev.pulse.server.auth.ApiGuard;
import dev.pulse.server.auth.ApiTokens;
import dev.pulse.server.auth.AuthThrottle;
import dev.pulse.server.auth.BearerAuth;
import dev.pulse.server.backup.BackupEndpoint;
import dev.pulse.server.dashboard.DashboardRoutes;
import dev.pulse.server.dashboard.FirstRun;
import dev.pulse.server.dashboard.SessionAuth;
import dev.pulse.server.dashboard.SessionStore;
import dev.pulse.server.erasure.ErasureEndpoint;
import dev.pulse.server.export.ExportEndpoint;
import dev.pulse.server.http.ServerMetrics;
import dev.pulse.server.imports.ImportRoutes;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.publicstats.PublicStats;
import dev.pulse.server.publicstats.PublicStatsRoutes;
import dev.pulse.server.store.Claims;
import dev.pulse.server.store.RecordSource;
import dev.pulse.server.web.Routes;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition of the server's features: each one's routes, built with what it needs, for
 * {@link PulseServer} to register, and the background jobs that go with them.
 */
final class Features {

  private static final Logger LOG = LoggerFactory.getLogger(Features.class);

  private Features() {}

  /**
   * Every feature's routes, in order: the {@code /api/} guard first, then the dashboard, export,
   * erasure, backup, import, analytics, public statistics, and the config's own route sets last.
   */
  static List<Routes> routes(
      Javalin app, RecordSource store, ApiTokens tokens, AuthThrottle throttle, ContextKeyer keyer,
      ServerMetrics metrics, AnalyticsSource analytics, ServerConfig config) {
    // Every server of a deployment derives the same key, so any of them takes a session another started.
    SessionStore sessions = SessionStore.create(SessionStore.DEFAULT_TTL, Clock.systemUTC(),
        keyer.derivedKey("dashboard-session", tokens.digest()));
    // One throttle, so one count per address, for /login and /api/.
    metrics.watchAuthFailures(throttle, AuthThrottle::wrongTokens, AuthThrottle::refusals);
    // The dashboard's session cookie is accepted for reads; everything else needs the bearer token.
    Handler tokenCheck = SessionAuth.orElse(sessions, new BearerAuth(tokens, throttle, config.trustedProxies()));
    List<Routes> routes = new ArrayList<>();
    routes.add(new ApiGuard(tokenCheck, PublicStatsRoutes.API_PREFIX));
    routes.add(new DashboardRoutes(sessions, tokens::signsIn, throttle, config.trustedProxies(),
        FirstRun.over(analytics, Clock.systemUTC()), Clock.systemUTC(), config.basePath()));
    routes.add(new ExportEndpoint(store));
    routes.add(new ErasureEndpoint());
    routes.add(new BackupEndpoint(Clock.systemUTC()));
    routes.add(new ImportRoutes(config.clientLimits().idleTimeout()));
    routes.add(analyticsRoutes(app, analytics, config, metrics.registry()));
    publicStats(analytics, config).ifPresent(routes::add);
    routes.addAll(config.routes());
    return routes;
  }

  /** The opt-in public page and JSON; unregistered (so 404) when off or without analytics. */
  private static Optional<Routes> publicStats(AnalyticsSource analytics, ServerConfig config) {
    if (config.publicStats().isEmpty()) {
      return Optional.empty();
    }
    Analytics noRefresh = new Analytics(analytics, EventCatalog.builtIn(), false);
    LOG.info("public statistics on at /public (groups under {} installs hidden)",
        config.publicStats().get().minInstalls());
    return Optional.of(
        new PublicStatsRoutes(new PublicStats(noRefresh, config.publicStats().get(), Clock.systemUTC())));
  }

  /** The analytics routes, with the background rollup maintenance stopped with the server. */
  private static Routes analyticsRoutes(
      Javalin app, AnalyticsSource source, ServerConfig config, MeterRegistry meters) {
    RollupMaintenance maintenance = RollupMaintenance.start(
        source, new RollupMaintenance.Settings(config.rollupRefresh()), Clock.systemUTC(), meters);
    app.events(events -> events.serverStopping(maintenance::close));
    return new AnalyticsRoutes(Analytics.create(source), Clock.systemUTC());
  }

  /** The opt-in webhook alerts, stopped with the server. */
  static void alerts(Javalin app, AnalyticsSource analytics, Claims claims, ServerConfig config, MeterRegistry meters) {
    if (config.alerts().isPresent()) {
      AlertWatcher watcher = AlertWatcher.start(Analytics.create(analytics), config.alerts().get(),
          Clock.systemUTC(), claims, meters);
      app.events(events -> events.serverStopping(watcher::close));
    }
  }
}
