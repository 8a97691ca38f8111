package dev.pulse.server;

import dev.pulse.server.alerts.AlertSettings;
import dev.pulse.server.http.ClientLimits;
import dev.pulse.server.http.TlsFiles;
import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.publicstats.PublicStatsSettings;
import dev.pulse.server.retention.RetentionPolicy;
import dev.pulse.server.store.DiskSpace;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects and checks the values of a {@link ServerConfig} ({@link ServerConfig#builder()}); every
 * setter checks its value and names the field when it refuses one. The defaults are those listed on
 * {@link ServerConfig}. Not thread-safe.
 */
public final class ServerConfigBuilder {
  private String host = "0.0.0.0";
  private int port = 8080;
  private Path dataDir = Path.of("pulse-data");
  private String adminToken;
  private String readToken;
  private String contextKey;
  /** Both null: the embedded store in whatever the data dir is at {@link #build}. */
  private StoreLocation store;
  private String storeUrl;
  private RetentionPolicy retention = RetentionPolicy.defaults();
  private Duration rollupRefresh = Duration.ofMinutes(1);
  private IngestLimits limits = IngestLimits.defaults();
  private Duration drainTimeout = Duration.ofSeconds(10);
  private ClientLimits clientLimits = ClientLimits.defaults();
  private final List<Routes> routes = new ArrayList<>();
  private PublicStatsSettings publicStats;
  private AlertSettings alerts;
  private long minFreeDiskBytes = DiskSpace.DEFAULT_MIN_FREE_BYTES;
  private BasePath basePath = BasePath.ROOT;
  private TlsFiles tls;
  private TrustedProxies trustedProxies = TrustedProxies.NONE;

  ServerConfigBuilder() {}

  /** A builder holding the values of {@code config}, to derive another ({@link ServerConfig#toBuilder}). */
  ServerConfigBuilder(ServerConfig config) {
    host = config.host();
    port = config.port();
    dataDir = config.dataDir();
    adminToken = config.adminToken();
    readToken = config.readToken().orElse(null);
    contextKey = config.contextKey();
    store = config.store().equals(new StoreLocation.DuckDb(dataDir)) ? null : config.store();
    retention = config.retention();
    rollupRefresh = config.rollupRefresh();
    limits = config.limits();
    drainTimeout = config.drainTimeout();
    clientLimits = config.clientLimits();
    routes.addAll(config.routes());
    publicStats = config.publicStats().orElse(null);
    alerts = config.alerts().orElse(null);
    minFreeDiskBytes = config.minFreeDiskBytes();
    basePath = config.basePath();
    tls = config.tls().orElse(null);
    trustedProxies = config.trustedProxies();
  }

  /** The address to listen on; not blank, trimmed. */
  public ServerConfigBuilder host(String host) {
    if (Objects.requireNonNull(host, "host").isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    this.host = host.trim();
    return this;
  }

  /** The port to listen on, 0 to 65535; 0 picks a free one. */
  public ServerConfigBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** Where the database, the context key and the admin token hash live. */
  public ServerConfigBuilder dataDir(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    return this;
  }

  /** The admin token; null or blank means "generate one at first start". */
  public ServerConfigBuilder adminToken(String adminToken) {
    this.adminToken = checkedToken("admin-token", adminToken);
    return this;
  }

  private static String checkedToken(String name, String token) {
    if (token == null || token.isBlank()) {
      return null;
    }
    if (token.trim().length() < 16) {
      throw new IllegalArgumentException(name + " must be at least 16 characters, got " + token.trim().length());
    }
    return token.trim();
  }

  /** The read-only token (dashboard and {@code GET /api/}); null or blank means none. */
  public ServerConfigBuilder readToken(String readToken) {
    this.readToken = checkedToken("read-token", readToken);
    return this;
  }

  /** The context-key secret; null or blank means "generate one in the data dir". */
  public ServerConfigBuilder contextKey(String contextKey) {
    this.contextKey = contextKey == null || contextKey.isBlank() ? null : contextKey.trim();
    return this;
  }

  /** The store URL; null or blank means the embedded DuckDB in the data dir. Checked here. */
  public ServerConfigBuilder store(String store) {
    this.storeUrl = store == null || store.isBlank() ? null : store.trim();
    this.store = null;
    if (storeUrl != null) {
      StoreLocation.parse(storeUrl, dataDir); // refuses a malformed URL now, not at start
    }
    return this;
  }

  /** The store; null means the embedded DuckDB in the data dir. */
  public ServerConfigBuilder store(StoreLocation store) {
    this.store = store;
    this.storeUrl = null;
    return this;
  }

  /** How long raw records are kept. */
  public ServerConfigBuilder retention(RetentionPolicy retention) {
    this.retention = Objects.requireNonNull(retention, "retention");
    return this;
  }

  /** How often new raw records are folded into the rollups; at least a second. */
  public ServerConfigBuilder rollupRefresh(Duration rollupRefresh) {
    if (Objects.requireNonNull(rollupRefresh, "rollupRefresh").isNegative() || rollupRefresh.isZero()) {
      throw new IllegalArgumentException(
          "rollup-refresh-seconds must be at least 1, got " + rollupRefresh.toSeconds());
    }
    this.rollupRefresh = rollupRefresh;
    return this;
  }

  /** The ingest limits. */
  public ServerConfigBuilder limits(IngestLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** How long a stop waits for requests in flight; not negative. */
  public ServerConfigBuilder drainTimeout(Duration drainTimeout) {
    if (Objects.requireNonNull(drainTimeout, "drainTimeout").isNegative()) {
      throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
    }
    this.drainTimeout = drainTimeout;
    return this;
  }

  /** What one HTTP client may hold. */
  public ServerConfigBuilder clientLimits(ClientLimits clientLimits) {
    this.clientLimits = Objects.requireNonNull(clientLimits, "clientLimits");
    return this;
  }

  /** Adds a route set (analytics, dashboard, ...); routes under {@code /api/} need the token. */
  public ServerConfigBuilder routes(Routes routes) {
    this.routes.add(Objects.requireNonNull(routes, "routes"));
    return this;
  }

  /** Turns the public statistics on with these settings; null turns them off. */
  public ServerConfigBuilder publicStats(PublicStatsSettings publicStats) {
    this.publicStats = publicStats;
    return this;
  }

  /** Turns webhook alerts on with these settings; null turns them off. */
  public ServerConfigBuilder alerts(AlertSettings alerts) {
    this.alerts = alerts;
    return this;
  }

  /** The free space kept on the data dir's disk, in bytes; 0 turns the reserve off. */
  public ServerConfigBuilder minFreeDiskBytes(long minFreeDiskBytes) {
    if (minFreeDiskBytes < 0) {
      throw new IllegalArgumentException("minFreeDisk must not be negative, got " + minFreeDiskBytes);
    }
    this.minFreeDiskBytes = minFreeDiskBytes;
    return this;
  }

  /** The public path below which the server is published ({@code /pulse}); null or blank is the root. */
  public ServerConfigBuilder basePath(String basePath) {
    this.basePath = BasePath.parse(basePath);
    return this;
  }

  /** Serves HTTPS with these files; null serves plain HTTP. */
  public ServerConfigBuilder tls(TlsFiles tls) {
    this.tls = tls;
    return this;
  }

  /** The proxies whose X-Forwarded-For is believed, addresses and CIDR ranges separated by commas; null is none. */
  public ServerConfigBuilder trustedProxies(String trustedProxies) {
    this.trustedProxies = TrustedProxies.parse(trustedProxies);
    return this;
  }

  /** The config, its store resolved against the final data dir; a read token equal to the admin token is refused. */
  public ServerConfig build() {
    // Resolved here, once: a relative "duckdb:" or the default follows the final data dir.
    StoreLocation location = store != null ? store : StoreLocation.parse(storeUrl, dataDir);
    if (readToken != null && readToken.equals(adminToken)) {
      throw new IllegalArgumentException("read-token must differ from the admin token (--admin-token or"
          + " PULSE_ADMIN_TOKEN)");
    }
    return new ServerConfig(host, port, dataDir, adminToken, Optional.ofNullable(readToken), contextKey, location,
        retention, rollupRefresh, limits, drainTimeout, clientLimits, routes, Optional.ofNullable(publicStats),
        Optional.ofNullable(alerts), minFreeDiskBytes, basePath, Optional.ofNullable(tls), trustedProxies);
  }
}
