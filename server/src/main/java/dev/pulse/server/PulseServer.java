package dev.pulse.server;

import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.auth.AdminToken;
import dev.pulse.server.auth.ApiTokens;
import dev.pulse.server.auth.AuthThrottle;
import dev.pulse.server.http.HttpApp;
import dev.pulse.server.http.ServerMetrics;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyAgreement;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.retention.RetentionPruner;
import dev.pulse.server.store.DataDirectories;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Storage;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import dev.pulse.server.store.postgres.PostgresStorage;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Pulse server: the store (the embedded DuckDB in the data dir, whose journal groups
 * concurrent appends, or PostgreSQL behind a group commit), the retention pruner, the telemetry
 * endpoint, health, metrics, export, and every feature's routes ({@link Features}), the config's
 * route sets last.
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
   * Checks that a server could listen on {@code host:port}, as {@link #start} does first: for a caller
   * with work to do before it starts (a demo generates its data set).
   *
   * @throws UncheckedIOException when the port is in use or the host is not this machine's
   */
  public static void checkListenable(String host, int port) {
    Listening.checkFree(host, port);
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
    return start(config, AuthThrottle.create(), key -> "the config");
  }

  /**
   * As {@link #start(ServerConfig)}, the start line naming where a configured admin token and context key
   * were given as {@code whereGiven} names a setting's key ({@code admin-token}: {@code PULSE_ADMIN_TOKEN}).
   */
  public static PulseServer start(ServerConfig config, UnaryOperator<String> whereGiven) {
    return start(config, AuthThrottle.create(), whereGiven);
  }

  /** As {@link #start(ServerConfig)}, with wrong admin tokens throttled by {@code throttle} (tests: on their clock). */
  static PulseServer start(ServerConfig config, AuthThrottle throttle) {
    return start(config, throttle, key -> "the config");
  }

  private static PulseServer start(ServerConfig config, AuthThrottle throttle, UnaryOperator<String> whereGiven) {
    Path dataDir = config.dataDir();
    Listening.checkFree(config.host(), config.port()); // before anything is written
    ContextKeyer keyer;
    AdminToken adminToken;
    AtomicBoolean keyMadeNow = new AtomicBoolean();
    try {
      DataDirectories.create(dataDir);
      if (!Files.isWritable(dataDir)) { // the key, the token's hash and the store's lock are written there
        throw new AccessDeniedException(dataDir.toString());
      }
      if (DataDirectories.othersMayWrite(dataDir)) {
        LOG.warn("the data dir {} may be written by every user of this machine: one could replace the admin"
            + " token's hash and sign in; chmod o-w it (its records are readable too unless o-rx)", dataDir);
      } else if (DataDirectories.othersMayEnter(dataDir)) {
        LOG.warn("the data dir {} may be entered by every user of this machine, who can then read its records;"
            + " chmod o-rx it", dataDir);
      }
      if (config.store() instanceof StoreLocation.Postgres
          && Files.exists(dataDir.resolve(DuckDbEventStore.FILE_NAME))) { // PULSE_STORE switched: its records stay
        LOG.warn("the data dir {} also holds an embedded store ({}) that this server does not use: to move its"
            + " records into PostgreSQL, pulse export then pulse import each kind (docs/operations.md, Backups,"
            + " PostgreSQL)", dataDir, DuckDbEventStore.FILE_NAME);
      }
      keyer = ContextKeyFile.load(config.contextKey(), dataDir, () -> keyMadeNow.set(true));
      adminToken = AdminToken.resolve(config.adminToken(), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the data dir " + dataDir + ": " + Listening.reason(e) + "; "
          + (e instanceof AccessDeniedException ? "run as the user who owns it, or " : "")
          + "give a directory this user may write to (--data-dir or PULSE_DATA_DIR)", e);
    }
    ApiTokens tokens = ApiTokens.of(adminToken, config.readToken());
    ServerMetrics metrics = new ServerMetrics();
    Storage storage;
    try {
      storage = openStorage(config, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      if (keyMadeNow.get()) {
        ContextKeyFile.forget(dataDir); // made for a store that did not open, which records no key of it
      }
      throw e;
    }
    EventStore store = storage.events();
    RetentionPruner pruner = null;
    try {
      if (keyMadeNow.get()) {
        ContextKeyAgreement.verifyMadeNow(storage.claims(), keyer, storage::holdsRecords);
      } else {
        ContextKeyAgreement.verify(storage.claims(), keyer);
      }
      metrics.watchQueueDepth(store::waitingAppends);
      metrics.watchApplyBacklog(store::unappliedRecords);
      metrics.watchStoreAvailable(() -> store.reachable() ? 1 : 0);
      storage.disk().ifPresent(disk -> watchDisk(disk, metrics.registry()));
      Ingestor ingestor = new Ingestor(config.limits(), store, keyer, Clock.systemUTC(), metrics);
      Javalin app =
          HttpApp.create(ingestor, store, metrics, config.drainTimeout(), config.clientLimits(),
              config.basePath(), config.tls());
      ServerServices services = new ServerServices(store, keyer, metrics.registry(), dataDir, storage.backup());
      AnalyticsSource analytics = storage.analytics();
      for (Routes routes : Features.routes(app, store, tokens, throttle, keyer, metrics, analytics, config)) {
        routes.register(app, services);
      }
      Features.alerts(app, analytics, storage.claims(), config, metrics.registry());
      Listening.start(app, config.host(), config.port());
      keepToken(app, adminToken);
      pruner = RetentionPruner.create(store, storage.retentionPeers(), config.retention(), Clock.systemUTC())
          .schedule(RetentionPruner.DEFAULT_INTERVAL, metrics.registry());
      StoreLocation location = config.store();
      LOG.info("Pulse listening on {}:{}, records in {}, {}", config.host(), app.port(),
          location instanceof StoreLocation.DuckDb duckDb ? new StoreLocation.DuckDb(duckDb.dataDir().toAbsolutePath())
              : location, secretsOrigin(config, adminToken, whereGiven));
      return new PulseServer(config, app, store, adminToken, metrics, pruner);
    } catch (RuntimeException e) {
      if (pruner != null) {
        pruner.close();
      }
      store.close();
      metrics.close();
      if (keyMadeNow.get() && e instanceof ContextKeyAgreement.ContextKeyMismatchException) {
        // Made now for a store keyed with another: left, the next start would take it for the store's.
        ContextKeyFile.forget(dataDir);
      }
      throw e;
    }
  }

  /** Where the admin token and the context key in force are: the data dir's files, or the settings named. */
  private static String secretsOrigin(ServerConfig config, AdminToken adminToken, UnaryOperator<String> whereGiven) {
    String dataDir = config.dataDir().toAbsolutePath().toString();
    boolean tokenGiven = adminToken.source() == AdminToken.Source.CONFIGURED;
    boolean keyGiven = config.contextKey() != null;
    if (!tokenGiven && !keyGiven) {
      return "admin token's hash and context key in " + dataDir;
    }
    return (tokenGiven ? "admin token from " + whereGiven.apply("admin-token") : "admin token's hash in " + dataDir)
        + ", context key " + (keyGiven ? "from " + whereGiven.apply("context-key") : "in " + dataDir);
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

  /**
   * The one place that chooses a store adapter, by the configured location, opened for many
   * concurrent appends: each adapter groups them its own way and tells {@code metrics} of each group.
   */
  private static Storage openStorage(ServerConfig config, ServerMetrics metrics) {
    if (config.store() instanceof StoreLocation.Postgres postgres) {
      return PostgresStorage.open(postgres, metrics);
    }
    StoreLocation.DuckDb duckDb = (StoreLocation.DuckDb) config.store();
    return DuckDbStorage.open(duckDb.dataDir(), config.minFreeDiskBytes(), metrics);
  }

  /** {@code pulse_store_disk_free_bytes}, and {@code pulse_store_disk_low}: 1 while records are refused. */
  private static void watchDisk(DiskSpace reserve, MeterRegistry registry) {
    Gauge.builder("pulse.store.disk.free", reserve::freeBytes)
        .description("Free bytes on the disk of the data dir")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("pulse.store.disk.low", () -> reserve.isLow() ? 1 : 0)
        .description("1 while the free space is below the reserve (--min-free-disk): new records are refused")
        .register(registry);
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
