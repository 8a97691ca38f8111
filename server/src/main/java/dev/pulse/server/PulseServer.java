package dev.pulse.server;

import dev.pulse.schema.EventCatalog;
import dev.pulse.server.alerts.AlertWatcher;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.analytics.RollupMaintenance;
import dev.pulse.server.analytics.api.AnalyticsRoutes;
import dev.pulse.server.auth.AdminToken;
import dev.pulse.server.auth.AuthThrottle;
import dev.pulse.server.auth.BearerAuth;
import dev.pulse.server.dashboard.DashboardRoutes;
import dev.pulse.server.dashboard.SessionAuth;
import dev.pulse.server.dashboard.SessionStore;
import dev.pulse.server.erasure.ErasureEndpoint;
import dev.pulse.server.export.ExportEndpoint;
import dev.pulse.server.http.HttpApp;
import dev.pulse.server.http.ServerMetrics;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.publicstats.PublicStats;
import dev.pulse.server.publicstats.PublicStatsRoutes;
import dev.pulse.server.store.DiskReserve;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Stores;
import dev.pulse.server.store.retention.RetentionPruner;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Pulse server: the store (the embedded DuckDB in the data dir, or PostgreSQL behind a
 * group commit), the retention pruner, the telemetry endpoint, health, metrics, export,
 * and the routes of the config.
 *
 * <p>{@link #close()} drains: it stops accepting connections, lets requests in flight finish (up to
 * the config's drain timeout), then commits what is queued and closes the store. Thread-safe.
 */
public final class PulseServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PulseServer.class);

  private final ServerConfig config;
  private final Javalin app;
  private final EventStore store;
  private final AdminToken adminToken;
  private final ServerMetrics metrics;
  private final RetentionPruner pruner;
  private boolean closed;

  private PulseServer(
      ServerConfig config, Javalin app, EventStore store, AdminToken adminToken,
      ServerMetrics metrics, RetentionPruner pruner) {
    this.config = config;
    this.app = app;
    this.store = store;
    this.adminToken = adminToken;
    this.metrics = metrics;
    this.pruner = pruner;
  }

  /**
   * Checks the port is free, opens the data dir and starts listening. A generated admin token's hash
   * is written only once the server listens, so a failed start never keeps a token nobody was shown.
   *
   * @throws UncheckedIOException when the port is in use, or the data dir, the context key or the
   *     token file cannot be used (the message says which)
   * @throws dev.pulse.server.store.StoreException when the store cannot be opened
   */
  public static PulseServer start(ServerConfig config) {
    Path dataDir = config.dataDir();
    Listening.checkFree(config.host(), config.port()); // before anything is written
    ContextKeyer keyer;
    AdminToken adminToken;
    try {
      Files.createDirectories(dataDir);
      keyer = ContextKeyFile.load(config.contextKey(), dataDir);
      adminToken = AdminToken.resolve(config.adminToken(), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the data dir " + dataDir + ": " + Listening.reason(e), e);
    }
    ServerMetrics metrics = new ServerMetrics();
    EventStore store;
    try {
      store = Stores.openForServer(config.store(), dataDir, config.minFreeDiskBytes(), metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    RetentionPruner pruner = null;
    try {
      metrics.watchQueueDepth(store::waitingAppends);
      metrics.watchApplyBacklog(store::unappliedRecords);
      metrics.watchStoreAvailable(() -> store.reachable() ? 1 : 0);
      Stores.diskReserve(store).ifPresent(reserve -> watchDisk(reserve, metrics.registry()));
      Ingestor ingestor = new Ingestor(config.limits(), store, keyer, Clock.systemUTC(), metrics);
      Javalin app =
          HttpApp.create(ingestor, store, metrics, config.drainTimeout(), config.clientLimits());
      SessionStore sessions = SessionStore.create();
      // The dashboard's session cookie is accepted for reads; everything else needs the bearer token.
      AuthThrottle throttle = AuthThrottle.create(); // one count per address for /login and /api/
      metrics.watchAuthFailures(throttle, AuthThrottle::wrongTokens, AuthThrottle::refusals);
      Handler tokenCheck = SessionAuth.orElse(sessions, new BearerAuth(adminToken, throttle));
      app.before("/api/*", ctx -> {
        if (!ctx.path().startsWith(PublicStatsRoutes.API_PREFIX)) {
          tokenCheck.handle(ctx);
        }
      });
      DashboardRoutes.register(app, sessions, adminToken::matches, throttle);
      new ExportEndpoint(store).addTo(app);
      ServerServices services =
          new ServerServices(store, keyer, adminToken, metrics.registry(), dataDir);
      new ErasureEndpoint().addTo(app, services);
      Optional<AnalyticsSource> analytics = analyticsSource(store);
      analyticsRoutes(analytics, config).addTo(app, services);
      publicStats(app, analytics, config);
      alerts(app, analytics, config);
      for (Routes routes : config.routes()) {
        routes.addTo(app, services);
      }
      Listening.start(app, config.host(), config.port());
      keepToken(app, adminToken);
      Runnable refreshRollups = () -> analytics.ifPresent(AnalyticsSource::refresh);
      pruner =
          RetentionPruner.create(store, config.retention(), Clock.systemUTC(), refreshRollups)
              .schedule(RetentionPruner.DEFAULT_INTERVAL);
      LOG.info("Pulse listening on {}:{}, data in {}", config.host(), app.port(), dataDir.toAbsolutePath());
      return new PulseServer(config, app, store, adminToken, metrics, pruner);
    } catch (RuntimeException e) {
      if (pruner != null) {
        pruner.close();
      }
      store.close();
      metrics.close();
      throw e;
    }
  }

  private static void keepToken(Javalin app, AdminToken adminToken) {
    try {
      adminToken.keep();
    } catch (IOException e) {
      app.stop();
      throw new UncheckedIOException(
          "cannot store the admin token's hash in " + adminToken.file() + ": " + Listening.reason(e), e);
    }
  }

  /** {@code pulse_store_disk_free_bytes}, and {@code pulse_store_disk_low}: 1 while records are refused. */
  private static void watchDisk(DiskReserve reserve, MeterRegistry registry) {
    Gauge.builder("pulse.store.disk.free", reserve::freeBytes)
        .description("Free bytes on the disk of the data dir")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("pulse.store.disk.low", () -> reserve.isLow() ? 1 : 0)
        .description("1 while the free space is below the reserve (--min-free-disk): new records are refused")
        .register(registry);
  }

  /** The analytics over the store's rollups (DuckDB or PostgreSQL). */
  private static Optional<AnalyticsSource> analyticsSource(EventStore store) {
    Optional<AnalyticsSource> source = Stores.analytics(store);
    if (source.isEmpty()) {
      LOG.warn("this store has no analytics; /api/v1/<analysis> answers 501");
    }
    return source;
  }

  /** The opt-in webhook alerts, stopped with the server. */
  private static void alerts(Javalin app, Optional<AnalyticsSource> analytics, ServerConfig config) {
    if (config.alerts().isPresent() && analytics.isPresent()) {
      AlertWatcher watcher = AlertWatcher.start(Analytics.create(analytics.get()), config.alerts().get(),
          Clock.systemUTC());
      app.events(events -> events.serverStopping(watcher::close));
    }
  }

  /** The opt-in public page and JSON; unregistered (so 404) when off or without analytics. */
  private static void publicStats(Javalin app, Optional<AnalyticsSource> analytics, ServerConfig config) {
    if (config.publicStats().isPresent() && analytics.isPresent()) {
      Analytics noRefresh = new Analytics(analytics.get(), EventCatalog.builtIn(), false);
      PublicStatsRoutes.register(app, new PublicStats(noRefresh, config.publicStats().get(), Clock.systemUTC()));
      LOG.info("public statistics on at /public (groups under {} installs hidden)",
          config.publicStats().get().minInstalls());
    }
  }

  private static Routes analyticsRoutes(Optional<AnalyticsSource> source, ServerConfig config) {
    if (source.isEmpty()) {
      return AnalyticsRoutes.unavailable();
    }
    // The rollup task's own pruning keeps raw records as long as the longest retention: the
    // RetentionPruner applies each kind's shorter one, after a refresh.
    RollupMaintenance.Settings settings =
        new RollupMaintenance.Settings(
            config.rollupRefresh(),
            RollupMaintenance.Settings.DEFAULTS.pruneInterval(),
            config.retention().longestDays());
    return AnalyticsRoutes.routes(store -> source.get(), settings);
  }

  /** The port listened on (the chosen one when the config said 0). */
  public int port() {
    return app.port();
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public ServerConfig config() {
    return config;
  }

  /** The admin token generated at this start, to print once; empty when configured or stored. */
  public Optional<String> generatedAdminToken() {
    return adminToken.generated();
  }

  /** The admin token in force; {@link AdminToken#describe()} tells the operator about it. */
  public AdminToken adminToken() {
    return adminToken;
  }

  /** The store, e.g. for tests to read what was stored. */
  public EventStore store() {
    return store;
  }

  /** The Prometheus text of {@code GET /metrics}. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  /** Drains and stops; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      app.stop();
    } finally {
      pruner.close();
      store.close();
      metrics.close();
    }
    LOG.info("Pulse stopped; store closed");
  }
}
