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
 * Everything {@link PulseServer#start} needs, resolved before start and never re-read. Build with
 * {@link #builder()}; every setter checks its value and names the field when it refuses one.
 *
 * <p>Defaults: host {@code 0.0.0.0}, port 8080 (0 picks a free port), data dir {@code ./pulse-data},
 * no admin token (one is generated at first start), no context key (one is generated at first start
 * in the data dir), the embedded DuckDB store in the data dir, {@link RetentionPolicy#defaults()}
 * (90 days of raw records), rollup refresh every minute, {@link IngestLimits#defaults()}, drain
 * timeout 10 s, {@link ClientLimits#defaults()}, no extra routes, public statistics and alerts off,
 * {@link DiskSpace#DEFAULT_MIN_FREE_BYTES} kept free on the data dir's disk, served at the root over
 * plain HTTP, no trusted proxy.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 for any free port
 * @param dataDir where the database, the context key and the admin token hash live
 * @param adminToken the configured admin token, or null to use a generated one
 * @param readToken a second token that may only read: sign in to the dashboard, {@code GET} the API;
 *     empty when there is none
 * @param contextKey the configured context-key secret, or null to use the generated one in the data dir
 * @param store where the records live, resolved from the store URL at {@link Builder#build()} (the
 *     embedded DuckDB in the data dir by default); see {@link StoreLocation}
 * @param retention how long raw records are kept before the background pruner removes them
 * @param rollupRefresh how often new raw records are folded into the analytics rollups
 * @param limits the ingest limits
 * @param drainTimeout how long a stop waits for requests in flight before closing the store
 * @param clientLimits what one HTTP client may hold: body data rate and deadline, idle timeout,
 *     connections
 * @param routes route sets added to the app after the built-in ones, in order
 * @param publicStats the opt-in public statistics; empty when they are off
 * @param alerts the opt-in webhook alerts; empty when they are off
 * @param minFreeDiskBytes the free space the embedded store keeps on the data dir's disk: below it, new
 *     records are refused and readiness fails, before the database or the journal hit a full disk; 0
 *     turns it off
 * @param basePath the public path below which a reverse proxy publishes the server; see {@link BasePath}
 * @param tls the server's own TLS certificate and key; empty for plain HTTP (TLS at a proxy in front)
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} gives the client address that wrong
 *     tokens are counted by; see {@link TrustedProxies}
 */
public record ServerConfig(
    String host, int port, Path dataDir,
    String adminToken, Optional<String> readToken, String contextKey,
    StoreLocation store, RetentionPolicy retention, Duration rollupRefresh,
    IngestLimits limits, Duration drainTimeout, ClientLimits clientLimits,
    List<Routes> routes, Optional<PublicStatsSettings> publicStats, Optional<AlertSettings> alerts,
    long minFreeDiskBytes, BasePath basePath, Optional<TlsFiles> tls, TrustedProxies trustedProxies) {

  public ServerConfig {
    routes = List.copyOf(routes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding the same values, to derive another config. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.host = host;
    builder.port = port;
    builder.dataDir = dataDir;
    builder.adminToken = adminToken;
    builder.readToken = readToken.orElse(null);
    builder.contextKey = contextKey;
    builder.store = store.equals(new StoreLocation.DuckDb(dataDir)) ? null : store;
    builder.retention = retention;
    builder.rollupRefresh = rollupRefresh;
    builder.limits = limits;
    builder.drainTimeout = drainTimeout;
    builder.clientLimits = clientLimits;
    builder.routes.addAll(routes);
    builder.publicStats = publicStats.orElse(null);
    builder.alerts = alerts.orElse(null);
    builder.minFreeDiskBytes = minFreeDiskBytes;
    builder.basePath = basePath;
    builder.tls = tls.orElse(null);
    builder.trustedProxies = trustedProxies;
    return builder;
  }

  @Override
  public String toString() {
    // Secrets are never printed: only whether they are set.
    return "ServerConfig{host=" + host + ", port=" + port + ", dataDir=" + dataDir
        + ", adminToken=" + (adminToken == null ? "generated" : "configured")
        + ", readToken=" + (readToken.isEmpty() ? "none" : "configured")
        + ", contextKey=" + (contextKey == null ? "generated" : "configured")
        + ", store=" + store + ", retention=" + retention + ", rollupRefresh=" + rollupRefresh
        + ", limits=" + limits + ", drainTimeout=" + drainTimeout + ", clientLimits=" + clientLimits
        + ", routes=" + routes.size() + ", minFreeDiskBytes=" + minFreeDiskBytes + ", basePath=" + basePath
        + ", tls=" + tls.map(files -> files.certificate().toString()).orElse("off")
        + ", trustedProxies=" + trustedProxies + "}";
  }

  /** Collects and checks the values of a {@link ServerConfig}. Not thread-safe. */
  public static final class Builder {
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

    private Builder() {}

    public Builder host(String host) {
      if (Objects.requireNonNull(host, "host").isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host.trim();
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** The admin token; null or blank means "generate one at first start". */
    public Builder adminToken(String adminToken) {
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
    public Builder readToken(String readToken) {
      this.readToken = checkedToken("read-token", readToken);
      return this;
    }

    /** The context-key secret; null or blank means "generate one in the data dir". */
    public Builder contextKey(String contextKey) {
      this.contextKey = contextKey == null || contextKey.isBlank() ? null : contextKey.trim();
      return this;
    }

    /** The store URL; null or blank means the embedded DuckDB in the data dir. Checked here. */
    public Builder store(String store) {
      this.storeUrl = store == null || store.isBlank() ? null : store.trim();
      this.store = null;
      if (storeUrl != null) {
        StoreLocation.parse(storeUrl, dataDir); // refuses a malformed URL now, not at start
      }
      return this;
    }

    /** The store; null means the embedded DuckDB in the data dir. */
    public Builder store(StoreLocation store) {
      this.store = store;
      this.storeUrl = null;
      return this;
    }

    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    public Builder rollupRefresh(Duration rollupRefresh) {
      if (Objects.requireNonNull(rollupRefresh, "rollupRefresh").isNegative() || rollupRefresh.isZero()) {
        throw new IllegalArgumentException(
            "rollup-refresh-seconds must be at least 1, got " + rollupRefresh.toSeconds());
      }
      this.rollupRefresh = rollupRefresh;
      return this;
    }

    public Builder limits(IngestLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      if (Objects.requireNonNull(drainTimeout, "drainTimeout").isNegative()) {
        throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
      }
      this.drainTimeout = drainTimeout;
      return this;
    }

    public Builder clientLimits(ClientLimits clientLimits) {
      this.clientLimits = Objects.requireNonNull(clientLimits, "clientLimits");
      return this;
    }

    /** Adds a route set (analytics, dashboard, ...); routes under {@code /api/} need the token. */
    public Builder routes(Routes routes) {
      this.routes.add(Objects.requireNonNull(routes, "routes"));
      return this;
    }

    /** Turns the public statistics on with these settings; null turns them off. */
    public Builder publicStats(PublicStatsSettings publicStats) {
      this.publicStats = publicStats;
      return this;
    }

    /** Turns webhook alerts on with these settings; null turns them off. */
    public Builder alerts(AlertSettings alerts) {
      this.alerts = alerts;
      return this;
    }

    /** The free space kept on the data dir's disk, in bytes; 0 turns the reserve off. */
    public Builder minFreeDiskBytes(long minFreeDiskBytes) {
      if (minFreeDiskBytes < 0) {
        throw new IllegalArgumentException("minFreeDisk must not be negative, got " + minFreeDiskBytes);
      }
      this.minFreeDiskBytes = minFreeDiskBytes;
      return this;
    }

    /** The public path below which the server is published ({@code /pulse}); null or blank is the root. */
    public Builder basePath(String basePath) {
      this.basePath = BasePath.parse(basePath);
      return this;
    }

    /** Serves HTTPS with these files; null serves plain HTTP. */
    public Builder tls(TlsFiles tls) {
      this.tls = tls;
      return this;
    }

    /** The proxies whose X-Forwarded-For is believed, addresses and CIDR ranges separated by commas; null is none. */
    public Builder trustedProxies(String trustedProxies) {
      this.trustedProxies = TrustedProxies.parse(trustedProxies);
      return this;
    }

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
}
