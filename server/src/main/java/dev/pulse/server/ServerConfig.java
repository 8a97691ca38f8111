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
import java.util.List;
import java.util.Optional;

/**
 * Everything {@link PulseServer#start} needs, resolved before start and never re-read. Build with
 * {@link #builder()} ({@link ServerConfigBuilder}); every setter checks its value and names the field
 * when it refuses one.
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
 * @param store where the records live, resolved from the store URL at {@link ServerConfigBuilder#build()}
 *     (the embedded DuckDB in the data dir by default); see {@link StoreLocation}
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

  /** A new builder with the defaults. */
  public static ServerConfigBuilder builder() {
    return new ServerConfigBuilder();
  }

  /** A builder holding the same values, to derive another config. */
  public ServerConfigBuilder toBuilder() {
    return new ServerConfigBuilder(this);
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
}
